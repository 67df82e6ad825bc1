namespace StaticNet;

/// <summary>Shared bookkeeping for optimizers' per-parameter state.</summary>
internal static class OptimizerState
{
    /// <summary>Allocates <paramref name="state"/> on first use and checks every later call passes the same sizes.</summary>
    public static void EnsureSize(ref float[] state, int parameterCount, int gradientCount)
    {
        if (gradientCount != parameterCount)
        {
            ShapeGuard.ThrowLength("gradient", parameterCount, gradientCount, "the parameter count");
        }

        if (state.Length == 0)
        {
            state = new float[parameterCount];
        }
        else if (state.Length != parameterCount)
        {
            ShapeGuard.ThrowLength("parameters", state.Length, parameterCount, "the parameter count this optimizer was first used with; call Reset() to reuse it");
        }
    }
}
