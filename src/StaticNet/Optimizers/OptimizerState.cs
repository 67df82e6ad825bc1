namespace StaticNet;

/// <summary>Shared bookkeeping for optimizers' per-parameter state.</summary>
internal static class OptimizerState
{
    /// <summary>
    /// Allocates <paramref name="state"/> (filled with <paramref name="initialValue"/>) on first use and checks every later
    /// call passes the same parameter count.
    /// </summary>
    public static void EnsureSize(ref float[] state, int parameterCount, float initialValue = 0f)
    {
        if (state.Length == 0)
        {
            state = new float[parameterCount];
            if (initialValue != 0f)
            {
                Array.Fill(state, initialValue);
            }
        }
        else if (state.Length != parameterCount)
        {
            ShapeGuard.ThrowLength("parameters", state.Length, parameterCount, "the parameter count this optimizer was first used with; call Reset() to reuse it");
        }
    }
}
