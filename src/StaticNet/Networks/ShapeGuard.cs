using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace StaticNet.Generated;

/// <summary>Throw helpers used by generated code; kept out of line so the checked methods stay small.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ShapeGuard
{
    /// <summary>Throws an <see cref="ArgumentException"/> saying which span had which length and which was expected.</summary>
    /// <param name="parameterName">The span's parameter name.</param>
    /// <param name="expected">The length the network needs.</param>
    /// <param name="actual">The length that was passed.</param>
    /// <param name="meaning">What the expected length is, e.g. <c>IrisNet.InputSize</c>.</param>
    [DoesNotReturn]
    public static void ThrowLength(string parameterName, int expected, int actual, string meaning) =>
        throw new ArgumentException(
            $"'{parameterName}' has length {actual}, expected {expected} ({meaning}).", parameterName);

    /// <summary>
    /// Throws when a generated layer method receives spans of the wrong lengths. Generated code always slices correctly, so
    /// this only fires if that code was edited by hand; the check exists so the JIT can drop every bounds check after it.
    /// </summary>
    [DoesNotReturn]
    public static void ThrowLayerShape(string layerName) =>
        throw new ArgumentException($"The generated method for layer '{layerName}' was called with spans of the wrong lengths.");
}
