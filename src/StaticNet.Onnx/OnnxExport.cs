using Google.Protobuf;
using Onnx;

namespace StaticNet.Onnx;

/// <summary>
/// Writes a network as a standard ONNX model, so ONNX Runtime, Netron and every ONNX tool can run or read it. Opset 17,
/// IR version 8. The graph takes <c>input</c> (float, <c>[batch, …the input shape]</c>: <c>[batch, 4]</c>, or
/// <c>[batch, 28, 28, 1]</c> for an image, channels last as StaticNet and Keras keep it) and gives <c>output</c> (float,
/// <c>[batch, OutputSize]</c>, after the output activation, as <c>Forward</c>). Each Dense layer is a <c>Gemm</c> (the kernel
/// stored inputs × units, as StaticNet keeps it) followed by its activation (<c>Relu</c>, <c>LeakyRelu</c>,
/// <c>Sigmoid</c>, <c>Tanh</c>, <c>Softmax</c> on axis 1), as is a standalone activation layer; batch normalisation is
/// <c>BatchNormalization</c> with its moving statistics; dropout and Gaussian noise, the identity in inference, write
/// nothing; a scaler becomes <c>Sub</c> and <c>Div</c> in front.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the models use.</summary>
    public const int Opset = 17;

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> as an ONNX model, atomically.</summary>
    /// <param name="network">The network, with its current parameters.</param>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <param name="scaler">A scaler to put in front (the model then takes raw features), or null.</param>
    public static void ExportOnnx(this INetwork network, string path, StandardScaler? scaler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] model = ToOnnx(network, scaler).ToByteArray();
        AtomicFile.Write(path, model);
    }

    /// <summary>The ONNX model of <paramref name="network"/> (see <see cref="ExportOnnx"/>), in memory.</summary>
    public static ModelProto ToOnnx(this INetwork network, StandardScaler? scaler = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (scaler is not null && scaler.Mean.Count != network.InputSize)
        {
            throw new ArgumentException($"The scaler has {scaler.Mean.Count} features but {network.GetType().Name} takes {network.InputSize}.", nameof(scaler));
        }

        if (network.Layers[0] is EmbeddingLayerInfo { MaskZero: true } masking)
        {
            // ONNX's RNN, GRU and LSTM nodes take sequence lengths (padding at the end only), not Keras's mask of any steps.
            throw new NotSupportedException(
                $"{network.GetType().Name} masks padding ({masking.Name} has MaskZero), which ONNX's recurrent nodes cannot express; export a network without MaskZero.");
        }

        var graph = new GraphProto { Name = network.GetType().Name };
        graph.Input.Add(Value("input", network.Layers[0].InputShape));
        graph.Output.Add(Value("output", network.Layers[^1].OutputShape));

        string current = "input";
        if (scaler is not null)
        {
            // Shaped as one sample (a feature per value, row-major), so it broadcasts over the batch whatever the input's rank.
            long[] sample = [.. network.Layers[0].InputShape];
            graph.Initializer.Add(Tensor("scaler_mean", sample, scaler.Mean.Select(m => (float)m).ToArray()));
            graph.Initializer.Add(Tensor("scaler_scale", sample, scaler.Scale.Select(s => (float)s).ToArray()));
            current = Add(graph, "Sub", "scaler_centred", [current, "scaler_mean"]);
            current = Add(graph, "Div", "scaler_scaled", [current, "scaler_scale"]);
        }

        ReadOnlySpan<float> parameters = network.Parameters;
        ReadOnlySpan<float> state = network.NonTrainableParameters;
        foreach (LayerInfo layer in network.Layers)
        {
            switch (layer)
            {
                case DenseLayerInfo dense:
                    graph.Initializer.Add(Tensor(dense.Name + "_kernel", [dense.Inputs, dense.Units], parameters.Slice(dense.KernelOffset, dense.Inputs * dense.Units)));
                    graph.Initializer.Add(Tensor(dense.Name + "_bias", [dense.Units], parameters.Slice(dense.BiasOffset, dense.Units)));
                    // Gemm takes a matrix; on a sequence (batch, steps, features) MatMul broadcasts the kernel over the steps.
                    current = dense.Steps == 1
                        ? Add(graph, "Gemm", dense.Name, [current, dense.Name + "_kernel", dense.Name + "_bias"])
                        : Add(graph, "Add", dense.Name + "_bias_add", [Add(graph, "MatMul", dense.Name, [current, dense.Name + "_kernel"]), dense.Name + "_bias"]);
                    current = Activation(graph, dense.Name, dense.Activation, dense.NegativeSlope, current);
                    break;
                case ActivationLayerInfo activation:
                    current = Activation(graph, activation.Name, activation.Activation, activation.NegativeSlope, current);
                    break;
                case BatchNormalizationLayerInfo norm:
                    string[] inputs = [current];
                    foreach (string tensor in new[] { "gamma", "beta", "moving_mean", "moving_variance" })
                    {
                        ParameterInfo info = norm.Parameter(tensor);
                        ReadOnlySpan<float> source = info.Trainable ? parameters : state;
                        graph.Initializer.Add(Tensor($"{norm.Name}_{tensor}", [info.Size], source.Slice(info.Offset, info.Size)));
                        inputs = [.. inputs, $"{norm.Name}_{tensor}"];
                    }

                    // ONNX normalises axis 1 (channels first); StaticNet's channels are last, so an image or a sequence is
                    // transposed to channels first and back around the node.
                    int spatial = norm.InputShape.Count - 1;
                    inputs[0] = ChannelsFirst(graph, norm.Name, current, spatial);
                    current = ChannelsLast(graph, norm.Name, Add(graph, "BatchNormalization", norm.Name, inputs, new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = norm.Epsilon }), spatial);
                    break;
                case Conv2DLayerInfo conv:
                    current = Convolution(graph, parameters, conv, [conv.KernelHeight, conv.KernelWidth], conv.Strides, conv.DilationRate, conv.Activation, conv.NegativeSlope, current);
                    break;
                case Conv1DLayerInfo conv:
                    current = Convolution(graph, parameters, conv, [conv.KernelSize], conv.Strides, conv.DilationRate, conv.Activation, conv.NegativeSlope, current);
                    break;
                case Pooling2DLayerInfo pool:
                {
                    int[] window = pool.IsSequence ? [pool.PoolWidth] : [pool.PoolHeight, pool.PoolWidth];
                    int[] strides = pool.IsSequence ? [pool.StrideWidth] : [pool.StrideHeight, pool.StrideWidth];
                    var attributes = new List<AttributeProto>(WindowAttributes(pool, window, strides, dilation: null));
                    if (!pool.IsMax)
                    {
                        // Keras averages the cells inside the image only.
                        attributes.Add(new AttributeProto { Name = "count_include_pad", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
                    }

                    string pooled = Add(graph, pool.IsMax ? "MaxPool" : "AveragePool", pool.Name, [ChannelsFirst(graph, pool.Name, current, window.Length)], [.. attributes]);
                    current = ChannelsLast(graph, pool.Name, pooled, window.Length);
                    if (pool.IsGlobal)
                    {
                        // One window over the whole image: [batch, 1, 1, channels] becomes the channels, as Keras gives them.
                        current = Add(graph, "Flatten", pool.Name + "_flatten", [current], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
                    }

                    break;
                }

                case EmbeddingLayerInfo embedding:
                {
                    // The ids arrive as floats, as in a Dataset: cast to int64 and gather rows of the table ([batch, steps, dim]).
                    graph.Initializer.Add(Tensor(embedding.Name + "_embeddings", [embedding.InputDim, embedding.OutputDim], parameters.Slice(embedding.Parameter("embeddings").Offset, embedding.InputDim * embedding.OutputDim)));
                    string ids = Add(graph, "Cast", embedding.Name + "_ids", [current], new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Int64 });
                    current = Add(graph, "Gather", embedding.Name, [embedding.Name + "_embeddings", ids], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
                    break;
                }

                case RecurrentLayerInfo recurrent:
                    current = Recurrent(graph, parameters, recurrent, current);
                    break;

                case FlattenLayerInfo flatten:
                    current = Add(graph, "Flatten", flatten.Name, [current], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
                    break;
                case DropoutLayerInfo or GaussianNoiseLayerInfo or RandomFlipLayerInfo or RandomTranslationLayerInfo:
                    break; // the identity in inference
                default:
                    throw new NotSupportedException($"ONNX export does not know the layer kind {layer.Type} ({layer.Name}).");
            }
        }

        graph.Node.Add(new NodeProto { OpType = "Identity", Name = "output", Input = { current }, Output = { "output" } });
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "StaticNet",
            ProducerVersion = typeof(INetwork).Assembly.GetName().Version?.ToString(3) ?? string.Empty,
            DocString = ParameterFile.Architecture(network),
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model;
    }

    /// <summary>The activation's node after <paramref name="input"/>, named after its layer; none for Linear.</summary>
    private static string Activation(GraphProto graph, string layer, Activation activation, float negativeSlope, string input) => activation switch
    {
        StaticNet.Activation.Linear => input,
        StaticNet.Activation.ReLU => Add(graph, "Relu", layer + "_relu", [input]),
        StaticNet.Activation.LeakyReLU => Add(graph, "LeakyRelu", layer + "_leaky_relu", [input], new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = negativeSlope }),
        StaticNet.Activation.Sigmoid => Add(graph, "Sigmoid", layer + "_sigmoid", [input]),
        StaticNet.Activation.Tanh => Add(graph, "Tanh", layer + "_tanh", [input]),
        StaticNet.Activation.Softmax => Add(graph, "Softmax", layer + "_softmax", [input], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 }), // the last axis: each step's, on a sequence
        StaticNet.Activation.ELU => Add(graph, "Elu", layer + "_elu", [input], FloatAttribute("alpha", 1f)),
        StaticNet.Activation.SELU => Add(graph, "Selu", layer + "_selu", [input], FloatAttribute("alpha", StaticNet.Generated.Activations.SeluAlpha), FloatAttribute("gamma", StaticNet.Generated.Activations.SeluScale)),
        StaticNet.Activation.Softplus => Add(graph, "Softplus", layer + "_softplus", [input]),

        // ONNX's HardSigmoid is max(0, min(1, αx + β)), α 0.2 by default: Keras 3's relu6(x + 3) / 6 is α = 1/6, β = ½.
        StaticNet.Activation.HardSigmoid => Add(graph, "HardSigmoid", layer + "_hard_sigmoid", [input], FloatAttribute("alpha", 1f / 6f), FloatAttribute("beta", 0.5f)),

        // Opset 17 has no Gelu node: ½x(1 + erf(x/√2)), ½x(1 + tanh(√(2/π)(x + 0.044715x³))) and x·σ(x), written out.
        StaticNet.Activation.GELU => Mul(graph, layer + "_gelu", Mul(graph, layer + "_gelu_half", input, Constant(graph, layer + "_gelu_c_half", 0.5f)),
            Add(graph, "Add", layer + "_gelu_1p", [Constant(graph, layer + "_gelu_c_one", 1f), Add(graph, "Erf", layer + "_gelu_erf", [Mul(graph, layer + "_gelu_scaled", input, Constant(graph, layer + "_gelu_c_inv_sqrt2", 0.70710678f))])])),
        StaticNet.Activation.GELUTanh => GeluTanh(graph, layer, input),
        StaticNet.Activation.SiLU => Mul(graph, layer + "_silu", input, Add(graph, "Sigmoid", layer + "_silu_sigmoid", [input])),
        _ => throw new NotSupportedException($"ONNX export does not know the activation {activation}."),
    };

    private static string GeluTanh(GraphProto graph, string layer, string x)
    {
        string cube = Mul(graph, layer + "_gelu_cube", Mul(graph, layer + "_gelu_square", x, x), x);
        string inner = Add(graph, "Add", layer + "_gelu_inner", [x, Mul(graph, layer + "_gelu_cubic", cube, Constant(graph, layer + "_gelu_c_cubic", 0.044715f))]);
        string tanh = Add(graph, "Tanh", layer + "_gelu_tanh", [Mul(graph, layer + "_gelu_scaled", inner, Constant(graph, layer + "_gelu_c_sqrt_2_pi", 0.7978845608f))]);
        string onePlus = Add(graph, "Add", layer + "_gelu_1p", [Constant(graph, layer + "_gelu_c_one", 1f), tanh]);
        return Mul(graph, layer + "_gelu", Mul(graph, layer + "_gelu_half", x, Constant(graph, layer + "_gelu_c_half", 0.5f)), onePlus);
    }

    private static string Mul(GraphProto graph, string name, string left, string right) => Add(graph, "Mul", name, [left, right]);

    /// <summary>A scalar constant as an initializer (broadcast by the nodes that use it); returns its name.</summary>
    private static string Constant(GraphProto graph, string name, float value)
    {
        graph.Initializer.Add(Tensor(name, [], [value]));
        return name;
    }

    private static AttributeProto FloatAttribute(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>Adds a node whose one output is named after it; returns that name.</summary>
    private static string Add(GraphProto graph, string op, string name, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name, Output = { name } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return name;
    }

    private static TensorProto Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values.ToArray());
        return tensor;
    }

    /// <summary>
    /// A convolution of any spatial rank (Conv1D, Conv2D): the input to channels first, ONNX's <c>Conv</c> with the kernel
    /// moved from Keras's (spatial…, in, out) to ONNX's (out, in, spatial…), back to channels last, then the activation.
    /// </summary>
    private static string Convolution(GraphProto graph, ReadOnlySpan<float> parameters, LayerInfo conv, int[] window, int strides, int dilation, Activation activation, float negativeSlope, string input)
    {
        ParameterInfo kernel = conv.Parameter("kernel"), bias = conv.Parameter("bias");
        int channels = conv.InputShape[^1], filters = conv.OutputShape[^1], taps = kernel.Size / (channels * filters);
        ReadOnlySpan<float> keras = parameters.Slice(kernel.Offset, kernel.Size);
        var weights = new float[kernel.Size];
        for (int t = 0; t < taps; t++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int f = 0; f < filters; f++)
                {
                    weights[(f * channels + c) * taps + t] = keras[(t * channels + c) * filters + f];
                }
            }
        }

        graph.Initializer.Add(Tensor(conv.Name + "_kernel", [filters, channels, .. window.Select(k => (long)k)], weights));
        graph.Initializer.Add(Tensor(conv.Name + "_bias", [filters], parameters.Slice(bias.Offset, bias.Size)));
        int[] stride = [.. window.Select(_ => strides)];
        string convolved = Add(
            graph,
            "Conv",
            conv.Name,
            [ChannelsFirst(graph, conv.Name, input, window.Length), conv.Name + "_kernel", conv.Name + "_bias"],
            WindowAttributes(conv, window, stride, dilation));
        return Activation(graph, conv.Name, activation, negativeSlope, ChannelsLast(graph, conv.Name, convolved, window.Length));
    }

    /// <summary>
    /// <c>kernel_shape</c>, <c>strides</c>, <c>pads</c> and, for a convolution, <c>dilations</c> (opset 17's AveragePool has
    /// none) of a window over the layer's spatial axes.
    /// The padding is whatever makes the layer's output size, split as TensorFlow splits it (the odd row or column after);
    /// a global pooling's output has one position per axis.
    /// </summary>
    private static AttributeProto[] WindowAttributes(LayerInfo layer, int[] window, int[] strides, int? dilation)
    {
        int taps = dilation ?? 1;
        int axes = window.Length;
        bool global = layer.OutputShape.Count == 1;
        var before = new long[axes];
        var after = new long[axes];
        for (int a = 0; a < axes; a++)
        {
            int input = layer.InputShape[a], output = global ? 1 : layer.OutputShape[a];
            int total = Math.Max((output - 1) * strides[a] + taps * (window[a] - 1) + 1 - input, 0);
            (before[a], after[a]) = (total / 2, total - total / 2);
        }

        AttributeProto[] attributes =
        [
            Ints("kernel_shape", [.. window.Select(k => (long)k)]),
            Ints("strides", [.. strides.Select(k => (long)k)]),
            Ints("pads", [.. before, .. after]),
        ];
        return dilation is null ? attributes : [.. attributes, Ints("dilations", [.. window.Select(_ => (long)taps)])];
    }

    /// <summary>
    /// ONNX's <c>RNN</c>, <c>GRU</c> or <c>LSTM</c> node, one direction, time first (<c>layout</c> 0: ONNX Runtime runs no
    /// other), between transposes from and back to batch first. Keras's kernels are
    /// transposed into W and R; the gate blocks are reordered where ONNX's order differs (GRU: z, r, h, the same as
    /// Keras's; LSTM: ONNX's i, o, f, c from Keras's i, f, c, o); B is the input bias then the recurrent one (zero but
    /// for a GRU with the reset after, whose <c>linear_before_reset</c> is then 1). The direction axis is squeezed away.
    /// </summary>
    private static string Recurrent(GraphProto graph, ReadOnlySpan<float> parameters, RecurrentLayerInfo layer, string input)
    {
        int u = layer.Units, features = layer.Features;
        int gates = layer.Type switch { "GRU" => 3, "LSTM" => 4, _ => 1 }, width = gates * u;
        int[] order = layer.Type == "LSTM" ? [0, 3, 1, 2] : [.. Enumerable.Range(0, gates)]; // ONNX block k is Keras block order[k]
        string[] directions = layer.Bidirectional ? [string.Empty, "backward_"] : [string.Empty];

        // W[k·u + j, i] = kernel[i, order[k]·u + j]: ONNX's rows are the gate columns, transposed.
        static float[] Transposed(ReadOnlySpan<float> tensor, int rows, int gates, int u, int[] order)
        {
            int width = gates * u;
            var values = new float[width * rows];
            for (int k = 0; k < gates; k++)
            {
                for (int j = 0; j < u; j++)
                {
                    for (int i = 0; i < rows; i++)
                    {
                        values[(k * u + j) * rows + i] = tensor[i * width + order[k] * u + j];
                    }
                }
            }

            return values;
        }

        // One slab per direction (ONNX's num_directions axis): the forward weights, then the backward ones.
        bool twoBiases = layer.Type == "GRU" && layer.ResetAfter;
        var w = new List<float>();
        var r = new List<float>();
        var b = new List<float>();
        foreach (string direction in directions)
        {
            ParameterInfo kernel = layer.Parameter(direction + "kernel"), recurrent = layer.Parameter(direction + "recurrent_kernel"), bias = layer.Parameter(direction + "bias");
            w.AddRange(Transposed(parameters.Slice(kernel.Offset, kernel.Size), features, gates, u, order));
            r.AddRange(Transposed(parameters.Slice(recurrent.Offset, recurrent.Size), u, gates, u, order));
            var slab = new float[2 * width];
            for (int k = 0; k < gates; k++)
            {
                for (int j = 0; j < u; j++)
                {
                    slab[k * u + j] = parameters[bias.Offset + order[k] * u + j];
                    slab[width + k * u + j] = twoBiases ? parameters[bias.Offset + width + order[k] * u + j] : 0f;
                }
            }

            b.AddRange(slab);
        }

        int count = directions.Length;
        graph.Initializer.Add(Tensor(layer.Name + "_W", [count, width, features], w.ToArray()));
        graph.Initializer.Add(Tensor(layer.Name + "_R", [count, width, u], r.ToArray()));
        graph.Initializer.Add(Tensor(layer.Name + "_B", [count, 2 * width], b.ToArray()));

        var node = new NodeProto { OpType = layer.Type == "SimpleRNN" ? "RNN" : layer.Type, Name = layer.Name, Output = { layer.Name + "_Y", layer.Name + "_Y_h" } };
        string timeFirst = Add(graph, "Transpose", layer.Name + "_time_first", [input], Permutation([1, 0, 2]));
        node.Input.AddRange([timeFirst, layer.Name + "_W", layer.Name + "_R", layer.Name + "_B"]);
        node.Attribute.Add(new AttributeProto { Name = "hidden_size", Type = AttributeProto.Types.AttributeType.Int, I = u });
        if (layer.Bidirectional)
        {
            node.Attribute.Add(new AttributeProto { Name = "direction", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("bidirectional") });
        }
        if (layer.Type == "GRU")
        {
            node.Attribute.Add(new AttributeProto { Name = "linear_before_reset", Type = AttributeProto.Types.AttributeType.Int, I = layer.ResetAfter ? 1 : 0 });
        }

        // The gates' function, then the candidate's (and, for an LSTM, the cell output's): ONNX's f, g (and h).
        Activation[] functions = layer.Type switch
        {
            "SimpleRNN" => [layer.Activation],
            "GRU" => [layer.RecurrentActivation, layer.Activation],
            _ => [layer.RecurrentActivation, layer.Activation, layer.Activation],
        };
        var names = new AttributeProto { Name = "activations", Type = AttributeProto.Types.AttributeType.Strings };
        var alphas = new AttributeProto { Name = "activation_alpha", Type = AttributeProto.Types.AttributeType.Floats };
        var betas = new AttributeProto { Name = "activation_beta", Type = AttributeProto.Types.AttributeType.Floats };
        foreach (Activation function in Enumerable.Repeat(functions, directions.Length).SelectMany(f => f))
        {
            (string name, float alpha, float beta) = function switch
            {
                StaticNet.Activation.Tanh => ("Tanh", 0f, 0f),
                StaticNet.Activation.Sigmoid => ("Sigmoid", 0f, 0f),
                StaticNet.Activation.ReLU => ("Relu", 0f, 0f),
                StaticNet.Activation.Linear => ("Affine", 1f, 0f),
                StaticNet.Activation.HardSigmoid => ("HardSigmoid", 1f / 6f, 0.5f), // Keras 3's relu6(x + 3) / 6
                StaticNet.Activation.Softplus => ("Softplus", 0f, 0f),
                StaticNet.Activation.ELU => ("Elu", 1f, 0f),
                _ => throw new NotSupportedException($"ONNX's {node.OpType} has no {function} activation ({layer.Name})."),
            };
            names.Strings.Add(Google.Protobuf.ByteString.CopyFromUtf8(name));
            alphas.Floats.Add(alpha);
            betas.Floats.Add(beta);
        }

        node.Attribute.Add(names);
        node.Attribute.Add(alphas);
        node.Attribute.Add(betas);
        graph.Node.Add(node);

        // Y is [steps, directions, batch, units] and Y_h [directions, batch, units]: batch first, then the directions'
        // units side by side ([forward, backward], Keras's concatenation).
        string y = layer.ReturnSequences
            ? Add(graph, "Transpose", layer.Name + "_batch_first", [layer.Name + "_Y"], Permutation([2, 0, 1, 3]))
            : Add(graph, "Transpose", layer.Name + "_batch_first", [layer.Name + "_Y_h"], Permutation([1, 0, 2]));
        string shape = layer.Name + "_shape";
        graph.Initializer.Add(new TensorProto { Name = shape, DataType = (int)TensorProto.Types.DataType.Int64, Dims = { layer.ReturnSequences ? 3 : 2 }, Int64Data = { layer.ReturnSequences ? [0, 0, -1] : [0, -1] } });
        return Add(graph, "Reshape", layer.Name + "_merge", [y, shape]);
    }

    /// <summary>[batch, spatial…, channels] to ONNX's [batch, channels, spatial…]; nothing for a flat input.</summary>
    private static string ChannelsFirst(GraphProto graph, string layer, string input, int spatial) => spatial == 0
        ? input
        : Add(graph, "Transpose", layer + "_to_channels_first", [input], Permutation([0, spatial + 1, .. Enumerable.Range(1, spatial)]));

    /// <summary>Back from channels first to StaticNet's (and Keras's) channels last.</summary>
    private static string ChannelsLast(GraphProto graph, string layer, string input, int spatial) => spatial == 0
        ? input
        : Add(graph, "Transpose", layer + "_to_channels_last", [input], Permutation([0, .. Enumerable.Range(2, spatial), 1]));

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto Permutation(long[] axes)
    {
        var attribute = new AttributeProto { Name = "perm", Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(axes);
        return attribute;
    }

    /// <summary>A float tensor of <c>[batch, …shape]</c>, the batch dimension named.</summary>
    private static ValueInfoProto Value(string name, IReadOnlyList<int> shape)
    {
        var dimensions = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "batch" } } };
        foreach (int dimension in shape)
        {
            dimensions.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dimension });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = dimensions } },
        };
    }
}
