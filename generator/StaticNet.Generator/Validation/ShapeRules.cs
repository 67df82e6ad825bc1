using System;
using System.Collections.Generic;
using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Validation;

/// <summary>
/// The rules a network's shape must follow, applied to the attributes as declared. Pure: no compilation, no locations —
/// the parser maps each problem back onto its attribute.
/// </summary>
internal static class ShapeRules
{
    /// <summary>The most parameters one network may have (4 bytes each; the flat buffer is one array).</summary>
    public const long MaxParameters = 100_000_000;

    /// <summary>The most floats of stack one training step may use (activations and their gradients): 256 KiB.</summary>
    public const long MaxStackFloats = 65_536;

    public static List<ShapeProblem> Check(string networkName, int loss, IReadOnlyList<DeclaredAttribute> attributes, int strategy = (int)CodeStrategy.Auto)
    {
        var problems = new List<ShapeProblem>();
        void Report(int index, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params object[] args) =>
            problems.Add(new ShapeProblem(descriptor, index, args));

        if (!Enum.IsDefined(typeof(Loss), loss))
        {
            Report(ShapeProblem.OnNetworkAttribute, DiagnosticDescriptors.UndefinedEnumValue, loss, nameof(Loss));
        }

        if (!Enum.IsDefined(typeof(CodeStrategy), strategy))
        {
            Report(ShapeProblem.OnNetworkAttribute, DiagnosticDescriptors.UndefinedEnumValue, strategy, nameof(CodeStrategy));
        }

        bool seenInput = false;
        int inputSize = 0;
        int layerNumber = 0;
        int lastDense = -1;
        string? firstLayerName = null;
        long parameters = 0, stackFloats = 0;
        int previousUnits = 0;

        for (int i = 0; i < attributes.Count; i++)
        {
            DeclaredAttribute attribute = attributes[i];
            if (!attribute.OnNetworkDeclaration)
            {
                Report(i, DiagnosticDescriptors.LayersSplitAcrossDeclarations, networkName);
                continue;
            }

            if (attribute.Kind == ShapeAttributeKind.Input)
            {
                if (seenInput)
                {
                    Report(i, DiagnosticDescriptors.DuplicateInput, networkName);
                }
                else if (firstLayerName is not null)
                {
                    Report(i, DiagnosticDescriptors.InputNotFirst, firstLayerName);
                }

                if (attribute.Size < 1)
                {
                    Report(i, DiagnosticDescriptors.NonPositiveSize, "The input size", attribute.Size);
                }

                if (!seenInput)
                {
                    inputSize = attribute.Size;
                    previousUnits = inputSize;
                    seenInput = true;
                }

                continue;
            }

            layerNumber++;
            string name = "dense_" + layerNumber;
            firstLayerName ??= name;
            lastDense = i;
            if (attribute.Size < 1)
            {
                Report(i, DiagnosticDescriptors.NonPositiveSize, "The number of units of '" + name + "'", attribute.Size);
            }

            CheckEnum<Activation>(i, attribute.Activation);
            CheckEnum<Initializer>(i, attribute.KernelInitializer);
            CheckEnum<Initializer>(i, attribute.BiasInitializer);
            if ((Activation)attribute.Activation == Activation.LeakyReLU
                && !(attribute.NegativeSlope >= 0f && attribute.NegativeSlope < 1f))
            {
                Report(i, DiagnosticDescriptors.InvalidNegativeSlope, attribute.NegativeSlope);
            }

            if ((Activation)attribute.Activation == Activation.Softmax && attribute.Size == 1)
            {
                Report(i, DiagnosticDescriptors.SoftmaxOnSingleUnit, name);
            }

            var requested = (CodeStrategy)strategy;
            if (requested != CodeStrategy.Auto && Enum.IsDefined(typeof(CodeStrategy), strategy) && attribute.Size > 0 && previousUnits > 0
                && !NetworkPlanner.Fits(requested, previousUnits, attribute.Size))
            {
                Report(i, DiagnosticDescriptors.StrategyDoesNotFit, requested, name, previousUnits, attribute.Size,
                    NetworkPlanner.Choose(previousUnits, attribute.Size));
            }

            parameters += ((long)Math.Max(previousUnits, 0) + 1) * Math.Max(attribute.Size, 0);
            stackFloats += 2L * Math.Max(attribute.Size, 0);
            previousUnits = attribute.Size;
        }

        for (int i = 0; i < attributes.Count; i++)
        {
            if (attributes[i].OnNetworkDeclaration && attributes[i].Kind == ShapeAttributeKind.Dense
                && (Activation)attributes[i].Activation == Activation.Softmax && i != lastDense)
            {
                int number = 0;
                for (int j = 0; j <= i; j++)
                {
                    number += attributes[j].OnNetworkDeclaration && attributes[j].Kind == ShapeAttributeKind.Dense ? 1 : 0;
                }

                Report(i, DiagnosticDescriptors.SoftmaxNotLast, "dense_" + number);
            }
        }

        if (!seenInput)
        {
            Report(ShapeProblem.OnNetworkAttribute, DiagnosticDescriptors.MissingInput, networkName);
        }

        if (lastDense < 0)
        {
            Report(ShapeProblem.OnNetworkAttribute, DiagnosticDescriptors.NoLayers, networkName);
        }
        else
        {
            CheckLossFits((Loss)loss, attributes[lastDense]);
        }

        if (parameters > MaxParameters || stackFloats > MaxStackFloats)
        {
            Report(ShapeProblem.OnNetworkAttribute, DiagnosticDescriptors.TooLarge, networkName, parameters, stackFloats, MaxParameters, MaxStackFloats);
        }

        return problems;

        void CheckEnum<TEnum>(int index, int value)
        {
            if (!Enum.IsDefined(typeof(TEnum), value))
            {
                Report(index, DiagnosticDescriptors.UndefinedEnumValue, value, typeof(TEnum).Name);
            }
        }

        void CheckLossFits(Loss lossKind, DeclaredAttribute output)
        {
            var activation = (Activation)output.Activation;
            string? needs = lossKind switch
            {
                Loss.SparseCategoricalCrossEntropy or Loss.CategoricalCrossEntropy
                    when activation != Activation.Softmax || output.Size < 2 => "a Softmax output of at least 2 units",
                Loss.BinaryCrossEntropy when activation != Activation.Sigmoid => "a Sigmoid output",
                _ => null,
            };
            if (needs is not null)
            {
                Report(ShapeProblem.OnNetworkAttribute, DiagnosticDescriptors.LossDoesNotFitOutput, lossKind, needs, output.Size, activation);
            }
        }
    }
}
