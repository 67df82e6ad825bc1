using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator.Rules;

/// <summary>
/// The rules of a kernel and bias declared on a layer (Dense, Conv2D): defined initialisers, and regularisation factors
/// that are finite and not negative.
/// </summary>
internal static class ParameterRules
{
    /// <summary><c>KernelInitializer</c> and <c>BiasInitializer</c> name defined initialisers.</summary>
    public static void CheckInitializers(DeclaredLayer declared, LayerContext context)
    {
        CheckDefined(context, declared.GetInt("KernelInitializer", (int)Initializer.GlorotUniform));
        CheckDefined(context, declared.GetInt("BiasInitializer", (int)Initializer.Zeros));
    }

    /// <summary><c>L1</c> and <c>L2</c> are finite numbers ≥ 0 that a float holds.</summary>
    public static void CheckRegularization(DeclaredLayer declared, LayerContext context)
    {
        foreach (string factor in new[] { "L1", "L2" })
        {
            double value = declared.Get(factor, 0);
            if (!(value >= 0 && value <= float.MaxValue))
            {
                context.Report(DiagnosticDescriptors.InvalidRegularization, factor + " of '" + context.Name + "'", value);
            }
        }
    }

    private static void CheckDefined(LayerContext context, int value)
    {
        if (!Enum.IsDefined(typeof(Initializer), value))
        {
            context.Report(DiagnosticDescriptors.UndefinedEnumValue, value, nameof(Initializer));
        }
    }
}
