using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>Finding NaN and infinities: what a <see cref="Dataset"/> refuses and what stops <c>Fit</c>.</summary>
internal static class Finite
{
    /// <summary>The index of the first NaN or infinity in <paramref name="values"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool All(ReadOnlySpan<float> values) => IndexOfNonFinite(values) < 0;
}
