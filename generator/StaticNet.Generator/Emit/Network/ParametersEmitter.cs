using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary>
/// The constants, the parameter buffers and their views, the constructors and <c>InitializeParameters</c>: all from the
/// layers' tensors, so a new layer kind gets them by declaring its tensors.
/// </summary>
internal static class ParametersEmitter
{
    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        WriteConstants(w, plan);
        WriteBuffers(w, plan);
        WriteInitialization(w, plan);
    }

    private static void WriteConstants(SourceWriter w, NetworkPlan plan)
    {
        w.WriteLine("/// <summary>Input features per sample.</summary>");
        w.WriteLine($"public const int InputSize = {plan.InputSize};");
        w.WriteLine();
        w.WriteLine("/// <summary>Output units.</summary>");
        w.WriteLine($"public const int OutputSize = {plan.OutputSize};");
        w.WriteLine();
        w.WriteLine(plan.Network.Loss == Loss.SparseCategoricalCrossEntropy
            ? "/// <summary>Floats per target: 1, the class index (sparse categorical cross-entropy).</summary>"
            : "/// <summary>Floats per target: one per output unit.</summary>");
        w.WriteLine($"public const int TargetSize = {plan.TargetSize};");
        w.WriteLine();
        w.WriteLine("/// <summary>Trainable parameters, all layers together: the length of <see cref=\"Parameters\"/> and of a gradient.</summary>");
        w.WriteLine($"public const int ParameterCount = {plan.ParameterCount};");
        w.WriteLine();
        w.WriteLine("/// <summary>Non-trainable parameters (moving statistics): the length of <see cref=\"NonTrainableParameters\"/>.</summary>");
        w.WriteLine($"public const int NonTrainableParameterCount = {plan.NonTrainableParameterCount};");
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (PlacedTensor tensor in layer.Tensors)
            {
                string buffer = tensor.Tensor.Trainable ? "Parameters" : "NonTrainableParameters";
                w.WriteLine();
                w.WriteLine($"/// <summary>Where {layer.Layer.Name}'s {tensor.Tensor.Name} ({tensor.Tensor.Shape}) starts in <see cref=\"{buffer}\"/>.</summary>");
                w.WriteLine($"public const int {Names.Offset(layer.Layer, tensor)} = {tensor.Offset};");
            }
        }

        w.WriteLine();
    }

    private static void WriteBuffers(SourceWriter w, NetworkPlan plan)
    {
        string name = plan.Network.Identifier;
        w.WriteLine("/// <summary>The trainable parameters, the first on a 64-byte boundary (a cache line): no kernel row's vector loads cross one needlessly.</summary>");
        w.WriteLine("private readonly global::StaticNet.Generated.AlignedFloats _parameters = new(ParameterCount);");
        if (plan.HasNonTrainable)
        {
            w.WriteLine("private readonly float[] _nonTrainableParameters = new float[NonTrainableParameterCount];");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Creates the network with parameters initialised from seed 0 (see <see cref=\"InitializeParameters\"/>).</summary>");
        w.WriteLine($"public {name}()");
        w.WriteLine("    : this(seed: 0)");
        w.WriteLine("{");
        w.WriteLine("}");
        w.WriteLine();
        w.WriteLine("/// <summary>Creates the network with parameters initialised from <paramref name=\"seed\"/>: same seed, same bits.</summary>");
        w.WriteLine($"public {name}(int seed) => InitializeParameters(seed);");
        w.WriteLine();
        WriteBufferDoc(w, plan, trainable: true);
        w.WriteLine($"public {Span} Parameters => _parameters.Span;");
        w.WriteLine();
        WriteBufferDoc(w, plan, trainable: false);
        w.WriteLine($"public {Span} NonTrainableParameters => {(plan.HasNonTrainable ? "_nonTrainableParameters" : "global::System.Span<float>.Empty")};");
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (PlacedTensor tensor in layer.Tensors)
            {
                string span = tensor.Tensor.Trainable
                    ? $"_parameters.Span.Slice({Names.Offset(layer.Layer, tensor)}, {tensor.Tensor.Size})"
                    : $"new(_nonTrainableParameters, {Names.Offset(layer.Layer, tensor)}, {tensor.Tensor.Size})";
                string layout = tensor.Tensor.Shape.Rank == 2
                    ? $", row-major (element [i, j] at i * {tensor.Tensor.Shape.Dimensions[1]} + j)"
                    : string.Empty;
                w.WriteLine();
                w.WriteLine($"/// <summary>{layer.Layer.Name}'s {tensor.Tensor.Name}: {tensor.Tensor.Shape}{layout}.</summary>");
                w.WriteLine($"public {Span} {Names.Accessor(layer.Layer, tensor)} => {span};");
            }
        }

        w.WriteLine();
    }

    private static void WriteBufferDoc(SourceWriter w, NetworkPlan plan, bool trainable)
    {
        w.WriteLine("/// <summary>");
        w.WriteLine(trainable
            ? "/// The trainable parameters in one buffer, layer after layer (a Dense kernel is inputs × units, row-major, as Keras stores it):"
            : "/// The non-trainable parameters (updated in training, not by the optimizer), layer after layer:");
        bool any = false;
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (PlacedTensor tensor in layer.Tensors)
            {
                if (tensor.Tensor.Trainable == trainable)
                {
                    w.WriteLine($"/// [{tensor.Offset}..{tensor.End}) {layer.Layer.Name} {tensor.Tensor.Name} {tensor.Tensor.Shape}.");
                    any = true;
                }
            }
        }

        if (!any)
        {
            w.WriteLine("/// none in this network.");
        }

        w.WriteLine("/// </summary>");
    }

    private static void WriteInitialization(SourceWriter w, NetworkPlan plan)
    {
        w.WriteLine("/// <summary>Fills every parameter tensor with its initialiser, drawing in layer order from one generator seeded with <paramref name=\"seed\"/>.</summary>");
        using (w.Open("public void InitializeParameters(int seed)"))
        {
            w.WriteLine($"var random = new {SeededRandom}(seed);");
            foreach (LayerPlan layer in plan.Layers)
            {
                foreach (PlacedTensor tensor in layer.Tensors)
                {
                    w.WriteLine($"{Initializers}.Fill({InitializerEnum}.{tensor.Tensor.Initializer}, {Names.Accessor(layer.Layer, tensor)}, fanIn: {tensor.Tensor.FanIn}, fanOut: {tensor.Tensor.FanOut}, random);");
                }
            }
        }

        w.WriteLine();
    }
}
