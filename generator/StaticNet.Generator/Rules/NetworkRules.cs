using System;
using System.Collections.Generic;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator.Rules;

/// <summary>
/// The rules a whole declaration must follow — one [Input], first; at least one layer with parameters; a loss that fits the
/// output; a size StaticNet can hold — and, for each layer, its kind's own rules. Pure: no compilation, no locations (the
/// parser maps each problem back onto its attribute), so every rule is testable on plain values.
/// </summary>
internal static class NetworkRules
{
    /// <summary>The most parameters one network may have (4 bytes each; the flat buffer is one array).</summary>
    public const long MaxParameters = 100_000_000;

    /// <summary>
    /// Checks <paramref name="declared"/>, adding every problem to <paramref name="problems"/>, and returns the layers'
    /// models when there is no error (warnings allowed), else null.
    /// </summary>
    public static EquatableArray<LayerModel>? Apply(
        string networkName,
        int loss,
        int strategy,
        IReadOnlyList<DeclaredLayer> declared,
        List<Problem> problems,
        out TensorShape input)
    {
        void Report(int index, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params object[] args) =>
            problems.Add(new Problem(descriptor, index, args));

        if (!Enum.IsDefined(typeof(Loss), loss))
        {
            Report(Problem.OnNetworkAttribute, DiagnosticDescriptors.UndefinedEnumValue, loss, nameof(Loss));
        }

        bool strategyDefined = Enum.IsDefined(typeof(CodeStrategy), strategy);
        if (!strategyDefined)
        {
            Report(Problem.OnNetworkAttribute, DiagnosticDescriptors.UndefinedEnumValue, strategy, nameof(CodeStrategy));
        }

        // The layers on the [Network] declaration, in order; the last one is the output.
        int lastLayer = -1;
        for (int i = 0; i < declared.Count; i++)
        {
            if (declared[i].OnNetworkDeclaration && !declared[i].IsInput)
            {
                lastLayer = i;
            }
        }

        input = TensorShape.Vector(0);
        bool seenInput = false;
        string? firstLayerName = null;
        var numbers = new Dictionary<string, int>();
        var checkedLayers = new List<(DeclaredLayer Declared, LayerContext Context, ILayerKind Kind)>();
        string? mask = null; // the embedding whose padding mask reaches the next layer
        TensorShape shape = input;
        TensorShape outputShape = input;
        long parameters = 0;
        bool anyTrainable = false;
        int index = 0;
        for (int i = 0; i < declared.Count; i++)
        {
            DeclaredLayer attribute = declared[i];
            if (!attribute.OnNetworkDeclaration)
            {
                Report(i, DiagnosticDescriptors.LayersSplitAcrossDeclarations, networkName);
                continue;
            }

            if (attribute.IsInput)
            {
                if (seenInput)
                {
                    Report(i, DiagnosticDescriptors.DuplicateInput, networkName);
                }
                else if (firstLayerName is not null)
                {
                    Report(i, DiagnosticDescriptors.InputNotFirst, firstLayerName);
                }

                TensorShape declaredShape = InputShape(attribute, i);
                if (!seenInput)
                {
                    input = shape = declaredShape;
                    seenInput = true;
                }

                continue;
            }

            ILayerKind kind = LayerKinds.ByType(attribute.Type) ?? throw new InvalidOperationException($"The parser read an attribute of no known kind: {attribute.Type}.");
            numbers[kind.Type] = numbers.TryGetValue(kind.Type, out int n) ? n + 1 : 1;
            string name = kind.NameStem + "_" + numbers[kind.Type];
            firstLayerName ??= name;
            var context = new LayerContext(
                index++,
                numbers[kind.Type],
                name,
                kind.Type + numbers[kind.Type],
                shape,
                i == lastLayer,
                (Loss)loss,
                strategyDefined ? (CodeStrategy)strategy : CodeStrategy.Auto,
                i,
                problems)
            {
                MaskSource = mask,
            };
            kind.Check(attribute, context);
            mask = FollowMask(mask, kind.Masking(attribute), i, name);
            long layerParameters = kind.CountParameters(attribute, shape);
            parameters += layerParameters;
            anyTrainable |= kind.HasTrainableParameters;
            checkedLayers.Add((attribute, context, kind));
            shape = kind.OutputShape(attribute, shape);
            if (i == lastLayer)
            {
                outputShape = shape;
            }
        }

        if (mask is not null && lastLayer >= 0)
        {
            // Keras would mask the loss; StaticNet's losses read every output value, so the mask must be used up first.
            Report(lastLayer, DiagnosticDescriptors.MaskNotSupported, "the loss", mask);
        }

        if (!seenInput)
        {
            Report(Problem.OnNetworkAttribute, DiagnosticDescriptors.MissingInput, networkName);
        }

        if (!anyTrainable)
        {
            Report(Problem.OnNetworkAttribute, DiagnosticDescriptors.NoLayers, networkName);
        }
        else if (lastLayer >= 0)
        {
            CheckLossFits((Loss)loss, declared[lastLayer], outputShape);
        }

        if (checkedLayers.Count > Planning.NetworkPlanner.MaxLayers)
        {
            Report(Problem.OnNetworkAttribute, DiagnosticDescriptors.TooManyLayers, networkName, checkedLayers.Count, Planning.NetworkPlanner.MaxLayers);
        }

        if (parameters > MaxParameters)
        {
            Report(Problem.OnNetworkAttribute, DiagnosticDescriptors.TooLarge, networkName, parameters, MaxParameters);
        }

        foreach (Problem problem in problems)
        {
            if (problem.IsError)
            {
                return null;
            }
        }

        var layers = new List<LayerModel>();
        foreach (var (attribute, context, kind) in checkedLayers)
        {
            layers.Add(kind.Build(attribute, context));
        }

        return new EquatableArray<LayerModel>(layers);

        // Keras's mask propagation: an embedding with MaskZero makes the mask, layers that keep the steps pass it on, a
        // recurrent layer's last state or a pooling over the steps uses it up, and any other layer it reaches is refused.
        string? FollowMask(string? current, MaskUse use, int index, string layer)
        {
            if (use == MaskUse.Produces)
            {
                return layer;
            }

            if (current is null || use == MaskUse.PassesOn)
            {
                return current;
            }

            if (use == MaskUse.Refuses)
            {
                Report(index, DiagnosticDescriptors.MaskNotSupported, layer, current);
            }

            return null;
        }

        // [Input(size)], [Input(steps, channels)] or [Input(height, width, channels)]: the constructor's parameter names say
        // which, and each dimension must be positive.
        TensorShape InputShape(DeclaredLayer attribute, int index)
        {
            string[] axes = attribute.Has("height") ? ["height", "width", "channels"]
                : attribute.Has("steps") ? ["steps", "channels"]
                : ["size"];
            var dimensions = new int[axes.Length];
            for (int a = 0; a < axes.Length; a++)
            {
                dimensions[a] = attribute.GetInt(axes[a], 0);
                if (dimensions[a] < 1)
                {
                    Report(index, DiagnosticDescriptors.NonPositiveSize, axes.Length == 1 ? "The input size" : "The input's " + axes[a], dimensions[a]);
                }
            }

            return new TensorShape(new EquatableArray<int>(dimensions));
        }

        // The output is whatever the last layer's kind says it ends with (Dense's activation, an Activation layer's), not a
        // rule about Dense: [Dense(1)] [Activation(Sigmoid)] fits binary cross-entropy as [Dense(1, Sigmoid)] does.
        void CheckLossFits(Loss lossKind, DeclaredLayer output, TensorShape outputShape)
        {
            ILayerKind? outputKind = LayerKinds.ByType(output.Type);
            Activation activation = outputKind?.TrailingActivation(output)?.Function ?? Activation.Linear;
            int units = outputShape.Size;
            string? needs = lossKind switch
            {
                Loss.SparseCategoricalCrossEntropy or Loss.CategoricalCrossEntropy =>
                    activation != Activation.Softmax || units < 2 ? "a Softmax output of at least 2 units" : null,
                Loss.BinaryCrossEntropy => activation != Activation.Sigmoid ? "a Sigmoid output" : null,
                Loss.MeanSquaredError or Loss.MeanAbsoluteError or Loss.Huber or Loss.LogCosh => null,
                _ => null, // an undefined loss is SNET0013, reported above
            };
            if (needs is not null)
            {
                string description = LayerKinds.ByType(output.Type)?.Describe(output) ?? output.Type;
                Report(Problem.OnNetworkAttribute, DiagnosticDescriptors.LossDoesNotFitOutput, lossKind, needs, description);
            }
        }
    }

    /// <summary>
    /// The Huber loss's δ, from <c>[Network(…, HuberDelta = …)]</c> (null when not set): a finite number > 0 as a float
    /// (SNET0041), and set only with <see cref="Loss.Huber"/> (SNET0042, a warning: the value is ignored).
    /// </summary>
    public static void CheckHuberDelta(int loss, double? huberDelta, List<Problem> problems)
    {
        if (huberDelta is not double delta)
        {
            return;
        }

        if (!(delta > 0 && delta <= float.MaxValue && (float)delta > 0f))
        {
            problems.Add(new Problem(DiagnosticDescriptors.InvalidHuberDelta, Problem.OnNetworkAttribute, [delta]));
        }
        else if (loss != (int)Loss.Huber && Enum.IsDefined(typeof(Loss), loss))
        {
            problems.Add(new Problem(DiagnosticDescriptors.HuberDeltaIgnored, Problem.OnNetworkAttribute, [(Loss)loss]));
        }
    }
}
