using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator.Rules;

/// <summary>
/// The rules of an activation argument, shared by every kind that takes one (Dense, the standalone Activation layer): a
/// defined function, a LeakyReLU slope in [0, 1) and only where it means something, Softmax only over several values
/// at the end of the network (elsewhere StaticNet has no code for it, and over one value it is the constant 1), and GELU
/// and SiLU only in a standalone Activation layer before the last.
/// </summary>
internal static class ActivationRules
{
    /// <summary>The activation a declaration gives in <paramref name="argument"/>, with its <c>NegativeSlope</c>.</summary>
    public static ActivationFunction Read(DeclaredLayer declared, string argument) =>
        new((Activation)declared.GetInt(argument, (int)Activation.Linear), (float)declared.Get("NegativeSlope", ActivationFunction.DefaultNegativeSlope));

    /// <summary>The function is defined, and its slope valid where it is LeakyReLU and absent elsewhere.</summary>
    public static void CheckFunction(DeclaredLayer declared, LayerContext context, string argument)
    {
        int activation = declared.GetInt(argument, (int)Activation.Linear);
        if (!Enum.IsDefined(typeof(Activation), activation))
        {
            context.Report(DiagnosticDescriptors.UndefinedEnumValue, activation, nameof(Activation));
        }

        double slope = declared.Get("NegativeSlope", ActivationFunction.DefaultNegativeSlope);
        if (activation == (int)Activation.LeakyReLU && !(slope >= 0 && slope < 1))
        {
            context.Report(DiagnosticDescriptors.InvalidNegativeSlope, (float)slope);
        }

        if (activation != (int)Activation.LeakyReLU && declared.Has("NegativeSlope") && Enum.IsDefined(typeof(Activation), activation))
        {
            context.Report(DiagnosticDescriptors.NegativeSlopeIgnored, context.Name, (Activation)activation);
        }

        // GELU's and SiLU's derivatives need the pre-activation, which only a standalone Activation layer's backward pass
        // reads (its input); and the loss carries the output activation's gradient through the output alone.
        if (activation is (int)Activation.GELU or (int)Activation.GELUTanh or (int)Activation.SiLU)
        {
            if (declared.Type != "Activation")
            {
                context.Report(DiagnosticDescriptors.ActivationNeedsOwnLayer, context.Name, (Activation)activation);
            }
            else if (context.IsLast)
            {
                context.Report(DiagnosticDescriptors.ActivationNotOutput, (Activation)activation);
            }
        }
    }

    /// <summary>Softmax over <paramref name="values"/> values is over more than one, and on the last layer.</summary>
    public static void CheckSoftmax(DeclaredLayer declared, LayerContext context, string argument, int values)
    {
        if (declared.GetInt(argument, (int)Activation.Linear) != (int)Activation.Softmax)
        {
            return;
        }

        if (values == 1)
        {
            context.Report(DiagnosticDescriptors.SoftmaxOnSingleUnit, context.Name);
        }

        if (!context.IsLast)
        {
            context.Report(DiagnosticDescriptors.SoftmaxNotLast, context.Name);
        }
    }
}
