namespace StaticNet.Tests.Numerics;

/// <summary>
/// An independent, loop-based, double-precision implementation of what a generated network computes, driven only by the
/// layer description the network publishes (<see cref="INetwork.Layers"/>) and its loss. It shares no code with the
/// generator or the runtime's kernels, so agreement is evidence rather than tautology. Dense, Dropout (with the masks
/// given) and BatchNormalization (batch statistics in training, moving ones in inference), standalone Activation layers,
/// GaussianNoise (with the noise given), and Keras's kernel regularisation penalty.
/// </summary>
internal static class ReferenceMlp
{
    /// <summary>One sample's output in inference mode.</summary>
    public static double[] Output(INetwork network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input) =>
        Outputs(network, parameters.ToArray(), State(network), input.ToArray(), 1, training: false, masks: null);

    /// <summary>
    /// One sample's loss as a training step of one sample computes it (the penalty included); equal to the inference loss
    /// for networks without dropout or batch normalisation.
    /// </summary>
    public static double Loss(INetwork network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target) =>
        BatchLoss(network, parameters.ToArray(), State(network), input.ToArray(), target.ToArray(), 1, training: true, masks: null);

    /// <summary>
    /// The summed loss of <paramref name="count"/> samples plus <paramref name="count"/> × the regularisation penalty: what
    /// a training step (<paramref name="training"/>) or <c>ComputeLoss</c> returns. <paramref name="masks"/> gives each
    /// dropout layer's mask (by layer index, count × units values: 0 or 1/(1 − rate)), each Gaussian noise layer's noise
    /// (count × units values, already scaled by the standard deviation) and each RandomFlip layer's flips (one value per
    /// sample, as <c>RandomFlipReference</c> records them) in training.
    /// </summary>
    public static double BatchLoss(INetwork network, double[] parameters, double[] state, double[] inputs, double[] targets, int count, bool training, Func<int, float[]>? masks)
    {
        double[] logits = Logits(network, parameters, state, inputs, count, training, masks);
        int n = network.OutputSize, t = network.TargetSize;
        double loss = 0;
        for (int s = 0; s < count; s++)
        {
            loss += SampleLoss(network, logits.AsSpan(s * n, n).ToArray(), targets.AsSpan(s * t, t));
        }

        return loss + count * Penalty(network, parameters);
    }

    /// <summary>The outputs (after the output activation) of <paramref name="count"/> samples.</summary>
    public static double[] Outputs(INetwork network, double[] parameters, double[] state, double[] inputs, int count, bool training, Func<int, float[]>? masks)
    {
        double[] logits = Logits(network, parameters, state, inputs, count, training, masks);
        int n = network.OutputSize;
        var outputs = new double[logits.Length];
        for (int s = 0; s < count; s++)
        {
            Activate(network.Layers[^1], logits.AsSpan(s * n, n).ToArray(), isOutput: true).CopyTo(outputs, s * n);
        }

        return outputs;
    }

    /// <summary>Keras's kernel regularisation penalty: Σ over Dense and Conv2D kernels of L1 · Σ|w| + L2 · Σ w².</summary>
    public static double Penalty(INetwork network, double[] parameters)
    {
        double penalty = 0;
        foreach (LayerInfo layer in network.Layers)
        {
            (float l1, float l2) = layer switch
            {
                DenseLayerInfo dense => (dense.L1, dense.L2),
                Conv2DLayerInfo conv => (conv.L1, conv.L2),
                Conv1DLayerInfo conv => (conv.L1, conv.L2),
                RecurrentLayerInfo recurrent => (recurrent.L1, recurrent.L2),
                _ => (0f, 0f),
            };
            if (l1 == 0 && l2 == 0)
            {
                continue;
            }

            // A bidirectional layer's backward kernel is regularised too, as Keras's Bidirectional copies the layer's settings.
            foreach (ParameterInfo kernel in layer.Parameters.Where(p => p.Name is "kernel" or "backward_kernel"))
            {
                for (int k = 0; k < kernel.Size; k++)
                {
                    double w = parameters[kernel.Offset + k];
                    penalty += l1 * Math.Abs(w) + l2 * w * w;
                }
            }
        }

        return penalty;
    }

    public static double[] State(INetwork network) => network.NonTrainableParameters.ToArray().Select(v => (double)v).ToArray();

    private static double SampleLoss(INetwork network, double[] z, ReadOnlySpan<double> target)
    {
        int n = z.Length;
        switch (network.Loss)
        {
            case StaticNet.Loss.MeanSquaredError:
            {
                double[] a = Activate(network.Layers[^1], z, isOutput: true);
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += (a[i] - target[i]) * (a[i] - target[i]);
                }

                return sum / n;
            }

            case StaticNet.Loss.BinaryCrossEntropy:
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    // −[y log σ(z) + (1 − y) log(1 − σ(z))], written without cancellation.
                    sum += Math.Max(z[i], 0) - z[i] * target[i] + Math.Log(1 + Math.Exp(-Math.Abs(z[i])));
                }

                return sum / n;
            }

            case StaticNet.Loss.CategoricalCrossEntropy:
            {
                double lse = LogSumExp(z);
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum -= target[i] * (z[i] - lse);
                }

                return sum;
            }

            case StaticNet.Loss.SparseCategoricalCrossEntropy:
                return LogSumExp(z) - z[(int)target[0]];

            default:
                throw new NotSupportedException($"The reference has no {network.Loss}: PyTorchAgreementTests and LossFunctionTests check it.");
        }
    }

    /// <summary>The last layer's outputs before the output activation, for <paramref name="count"/> rows.</summary>
    public static double[] Logits(INetwork network, double[] parameters, double[] state, double[] inputs, int count, bool training, Func<int, float[]>? masks) =>
        LayerInputs(network, parameters, state, inputs, count, training, masks)[^1];

    /// <summary>What each layer receives (rows of <paramref name="count"/> samples), and last what the last layer gives before the output activation.</summary>
    public static double[][] LayerInputs(INetwork network, double[] parameters, double[] state, double[] inputs, int count, bool training, Func<int, float[]>? masks)
    {
        var seen = new List<double[]>();
        double[] x = inputs;

        // Keras's padding mask: an embedding with MaskZero marks the steps whose id is 0, and the recurrent layers and the
        // average over the steps after it skip them (the generator's rules let it reach no other layer).
        double[]? tokens = network.Layers[0] is EmbeddingLayerInfo { MaskZero: true } ? inputs : null;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            LayerInfo layer = network.Layers[l];
            bool last = l == network.Layers.Count - 1;
            x = layer switch
            {
                DenseLayerInfo dense => Dense(dense, parameters, x, count, last),
                EmbeddingLayerInfo embedding => Embed(embedding, parameters, x, count),
                RecurrentLayerInfo recurrent => Recur(recurrent, parameters, x, count, tokens),
                DropoutLayerInfo dropout => training && dropout.Rate > 0 ? Dropout(masks?.Invoke(l) ?? throw new ArgumentException($"No mask for {dropout.Name}."), x) : x,
                BatchNormalizationLayerInfo norm => BatchNormalization(norm, parameters, state, x, count, training),
                ActivationLayerInfo activation => last ? x : ActivateRows(activation, x, count),
                FlattenLayerInfo => x,
                RandomFlipLayerInfo flip => training ? Flip(flip, masks?.Invoke(l) ?? throw new ArgumentException($"No flips for {flip.Name}."), x, count) : x,
                RandomTranslationLayerInfo shift => training ? Translate(shift, masks?.Invoke(l) ?? throw new ArgumentException($"No shifts for {shift.Name}."), x, count) : x,
                Conv2DLayerInfo conv => Convolve(conv, parameters, x, count, last),
                Conv1DLayerInfo conv => Convolve1D(conv, parameters, x, count, last),
                Pooling2DLayerInfo pool => tokens is not null && pool.Type == "GlobalAveragePooling1D" ? MaskedAverage(pool, x, count, tokens) : Pool(pool, x, count),
                GaussianNoiseLayerInfo noise => training && noise.Stddev > 0 ? Add(masks?.Invoke(l) ?? throw new ArgumentException($"No noise for {noise.Name}."), x) : x,
                _ => throw new NotSupportedException($"The reference does not know {layer.Type}."),
            };
            seen.Add(x);
        }

        seen.Insert(0, inputs);
        return seen.ToArray();
    }

    private static double[] Dense(DenseLayerInfo layer, double[] parameters, double[] x, int count, bool last)
    {
        // The offsets and sizes are looked up once: LayerInfo finds a tensor by name, which in the inner loop made the
        // finite-difference checks of the widest networks take most of the test run.
        // On a sequence each step is a row, with the same kernel (Keras's Dense on the last axis).
        int units = layer.Units, inputs = layer.Inputs, kernel = layer.KernelOffset, bias = layer.BiasOffset, rows = count * layer.Steps;
        var y = new double[rows * units];
        for (int s = 0; s < rows; s++)
        {
            var z = new double[units];
            for (int j = 0; j < units; j++)
            {
                double sum = parameters[bias + j];
                for (int i = 0; i < inputs; i++)
                {
                    sum += x[s * inputs + i] * parameters[kernel + i * units + j];
                }

                z[j] = sum;
            }

            (last ? z : Activate(layer, z, isOutput: false)).CopyTo(y, s * layer.Units);
        }

        return y;
    }

    /// <summary>Each step's id selects a row of the table: output (s, t, d) = table[id(s, t), d].</summary>
    private static double[] Embed(EmbeddingLayerInfo layer, double[] parameters, double[] x, int count)
    {
        int steps = layer.InputShape[0], dim = layer.OutputDim, table = layer.Parameter("embeddings").Offset;
        var y = new double[count * steps * dim];
        for (int s = 0; s < count; s++)
        {
            for (int t = 0; t < steps; t++)
            {
                int id = (int)x[s * steps + t];
                Assert.True(id == x[s * steps + t] && id >= 0 && id < layer.InputDim, $"the reference was given the id {x[s * steps + t]}");
                for (int d = 0; d < dim; d++)
                {
                    y[(s * steps + t) * dim + d] = parameters[table + id * dim + d];
                }
            }
        }

        return y;
    }

    /// <summary>
    /// SimpleRNN, GRU and LSTM from Keras's definitions (kernel columns z, r, h and i, f, c, o; states from zero), in
    /// double: each step's gates as sums over the kernels' columns.
    /// </summary>
    private static double[] Recur(RecurrentLayerInfo layer, double[] parameters, double[] x, int count, double[]? tokens)
    {
        double[] forward = Recur(layer, parameters, x, count, string.Empty, reverse: false, tokens);
        if (!layer.Bidirectional)
        {
            return forward;
        }

        // Keras's Bidirectional, merge_mode "concat": each output row is [forward, backward].
        double[] backward = Recur(layer, parameters, x, count, "backward_", reverse: true, tokens);
        int u = layer.Units, rows = forward.Length / u;
        var y = new double[2 * forward.Length];
        for (int row = 0; row < rows; row++)
        {
            Array.Copy(forward, row * u, y, row * 2 * u, u);
            Array.Copy(backward, row * u, y, row * 2 * u + u, u);
        }

        return y;
    }

    /// <summary>
    /// One direction; <paramref name="reverse"/> reads the steps last to first and writes each step's state at its own step.
    /// A step whose token is 0 is skipped: the states stay, and its output is the state (zero in a bidirectional layer).
    /// </summary>
    private static double[] Recur(RecurrentLayerInfo layer, double[] parameters, double[] x, int count, string prefix, bool reverse, double[]? tokens)
    {
        int steps = layer.Steps, features = layer.Features, u = layer.Units;
        int gates = layer.Type switch { "GRU" => 3, "LSTM" => 4, _ => 1 }, width = gates * u;
        int w = layer.Parameter(prefix + "kernel").Offset, r = layer.Parameter(prefix + "recurrent_kernel").Offset, b = layer.Parameter(prefix + "bias").Offset;
        bool resetAfter = layer.Type == "GRU" && layer.ResetAfter;
        double Act(double v) => Function(layer.Activation, 0f, v);
        double Gate(double v) => Function(layer.RecurrentActivation, 0f, v);

        // Column j of x_t·W + b (the input path) and of h·U (+ the recurrent bias after a GRU's reset).
        double In(int s, int t, int j)
        {
            double sum = parameters[b + j];
            for (int i = 0; i < features; i++)
            {
                sum += x[(s * steps + t) * features + i] * parameters[w + i * width + j];
            }

            return sum;
        }

        double Rec(double[] h, int j)
        {
            double sum = resetAfter ? parameters[b + width + j] : 0;
            for (int i = 0; i < u; i++)
            {
                sum += h[i] * parameters[r + i * width + j];
            }

            return sum;
        }

        var y = new double[count * (layer.ReturnSequences ? steps * u : u)];
        for (int s = 0; s < count; s++)
        {
            var h = new double[u];
            var c = new double[u];
            for (int k = 0; k < steps; k++)
            {
                int t = reverse ? steps - 1 - k : k;
                if (tokens is not null && tokens[s * steps + t] == 0)
                {
                    if (layer.ReturnSequences && !layer.Bidirectional)
                    {
                        h.CopyTo(y, (s * steps + t) * u);
                    }

                    continue;
                }

                var next = new double[u];
                for (int j = 0; j < u; j++)
                {
                    switch (layer.Type)
                    {
                        case "SimpleRNN":
                            next[j] = Act(In(s, t, j) + Rec(h, j));
                            break;
                        case "GRU":
                        {
                            double z = Gate(In(s, t, j) + Rec(h, j));
                            double reset = Gate(In(s, t, u + j) + Rec(h, u + j));
                            double candidate;
                            if (resetAfter)
                            {
                                candidate = Act(In(s, t, 2 * u + j) + reset * Rec(h, 2 * u + j));
                            }
                            else
                            {
                                // (r ⊙ h)·U_h, with r of every unit.
                                double sum = 0;
                                for (int i = 0; i < u; i++)
                                {
                                    double ri = Gate(In(s, t, u + i) + Rec(h, u + i));
                                    sum += ri * h[i] * parameters[r + i * width + 2 * u + j];
                                }

                                candidate = Act(In(s, t, 2 * u + j) + sum);
                            }

                            next[j] = z * h[j] + (1 - z) * candidate;
                            break;
                        }

                        default:
                        {
                            double input = Gate(In(s, t, j) + Rec(h, j));
                            double forget = Gate(In(s, t, u + j) + Rec(h, u + j));
                            double candidate = Act(In(s, t, 2 * u + j) + Rec(h, 2 * u + j));
                            double output = Gate(In(s, t, 3 * u + j) + Rec(h, 3 * u + j));
                            c[j] = forget * c[j] + input * candidate; // c[j] is read only by unit j: updating in place is safe
                            next[j] = output * Act(c[j]);
                            break;
                        }
                    }
                }

                h = next;
                if (layer.ReturnSequences)
                {
                    h.CopyTo(y, (s * steps + t) * u);
                }
            }

            if (!layer.ReturnSequences)
            {
                h.CopyTo(y, s * u);
            }
        }

        return y;
    }

    private static double[] Dropout(float[] mask, double[] x) => x.Select((v, k) => v * mask[k]).ToArray();

    /// <summary>
    /// A 2-D convolution, channels last, written from its definition: output (i, j, f) sums the kernel's taps over the
    /// input positions (i·s − top + kh·d, j·s − left + kw·d) inside the image, with Keras's (TensorFlow's) Same padding.
    /// </summary>
    private static double[] Convolve(Conv2DLayerInfo layer, double[] parameters, double[] x, int count, bool last)
    {
        int h = layer.InputShape[0], w = layer.InputShape[1], c = layer.InputShape[2];
        int oh = layer.OutputShape[0], ow = layer.OutputShape[1], filters = layer.Filters;
        int kh = layer.KernelHeight, kw = layer.KernelWidth, stride = layer.Strides, dilation = layer.DilationRate;
        int top = PadBefore(h, oh, kh, stride, dilation), left = PadBefore(w, ow, kw, stride, dilation);
        ParameterInfo kernel = layer.Parameter("kernel"), bias = layer.Parameter("bias");
        var y = new double[count * oh * ow * filters];
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    var z = new double[filters];
                    for (int f = 0; f < filters; f++)
                    {
                        double sum = parameters[bias.Offset + f];
                        for (int a = 0; a < kh; a++)
                        {
                            for (int b = 0; b < kw; b++)
                            {
                                int row = i * stride - top + a * dilation, column = j * stride - left + b * dilation;
                                if (row < 0 || row >= h || column < 0 || column >= w)
                                {
                                    continue;
                                }

                                for (int k = 0; k < c; k++)
                                {
                                    sum += x[((s * h + row) * w + column) * c + k] * parameters[kernel.Offset + ((a * kw + b) * c + k) * filters + f];
                                }
                            }
                        }

                        z[f] = sum;
                    }

                    (last ? z : Activate(layer, z, isOutput: false)).CopyTo(y, ((s * oh + i) * ow + j) * filters);
                }
            }
        }

        return y;
    }

    /// <summary>A 1-D convolution from its definition: output (t, f) sums the taps x[t·s − left + k·d, c] · W[k, c, f] inside the sequence.</summary>
    private static double[] Convolve1D(Conv1DLayerInfo layer, double[] parameters, double[] x, int count, bool last)
    {
        int steps = layer.InputShape[0], c = layer.InputShape[1], outputSteps = layer.OutputShape[0], filters = layer.Filters;
        int k = layer.KernelSize, left = PadBefore(steps, outputSteps, k, layer.Strides, layer.DilationRate);
        ParameterInfo kernel = layer.Parameter("kernel"), bias = layer.Parameter("bias");
        var y = new double[count * outputSteps * filters];
        for (int s = 0; s < count; s++)
        {
            for (int t = 0; t < outputSteps; t++)
            {
                var z = new double[filters];
                for (int f = 0; f < filters; f++)
                {
                    double sum = parameters[bias.Offset + f];
                    for (int tap = 0; tap < k; tap++)
                    {
                        int at = t * layer.Strides - left + tap * layer.DilationRate;
                        if (at < 0 || at >= steps)
                        {
                            continue;
                        }

                        for (int channel = 0; channel < c; channel++)
                        {
                            sum += x[(s * steps + at) * c + channel] * parameters[kernel.Offset + (tap * c + channel) * filters + f];
                        }
                    }

                    z[f] = sum;
                }

                (last ? z : Activate(layer, z, isOutput: false)).CopyTo(y, (s * outputSteps + t) * filters);
            }
        }

        return y;
    }

    /// <summary>Max or average pooling over the cells of each window inside the image (Keras's rule for Same padding); a sequence is an image one row high.</summary>
    /// <summary>Each channel's mean over the steps whose token is not 0; zeros for a sequence of padding only.</summary>
    private static double[] MaskedAverage(Pooling2DLayerInfo layer, double[] x, int count, double[] tokens)
    {
        int steps = layer.InputShape[0], c = layer.InputShape[1];
        var y = new double[count * c];
        for (int s = 0; s < count; s++)
        {
            int[] kept = Enumerable.Range(0, steps).Where(t => tokens[s * steps + t] != 0).ToArray();
            for (int k = 0; k < c; k++)
            {
                y[s * c + k] = kept.Length == 0 ? 0 : kept.Sum(t => x[(s * steps + t) * c + k]) / kept.Length;
            }
        }

        return y;
    }

    private static double[] Pool(Pooling2DLayerInfo layer, double[] x, int count)
    {
        bool sequence = layer.InputShape.Count == 2;
        int h = sequence ? 1 : layer.InputShape[0], w = layer.InputShape[^2], c = layer.InputShape[^1];
        int oh = layer.OutputShape.Count == 3 ? layer.OutputShape[0] : 1; // a sequence or a global pooling: one row
        int ow = layer.OutputShape.Count >= 2 ? layer.OutputShape[^2] : 1;  // a global pooling: one window
        int top = PadBefore(h, oh, layer.PoolHeight, layer.StrideHeight, 1), left = PadBefore(w, ow, layer.PoolWidth, layer.StrideWidth, 1);
        var y = new double[count * oh * ow * c];
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    for (int k = 0; k < c; k++)
                    {
                        double best = double.NegativeInfinity, sum = 0;
                        int cells = 0;
                        for (int a = 0; a < layer.PoolHeight; a++)
                        {
                            for (int b = 0; b < layer.PoolWidth; b++)
                            {
                                int row = i * layer.StrideHeight - top + a, column = j * layer.StrideWidth - left + b;
                                if (row < 0 || row >= h || column < 0 || column >= w)
                                {
                                    continue;
                                }

                                double v = x[((s * h + row) * w + column) * c + k];
                                best = Math.Max(best, v);
                                sum += v;
                                cells++;
                            }
                        }

                        y[((s * oh + i) * ow + j) * c + k] = layer.IsMax ? best : sum / cells;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>
    /// Each sample shifted as <paramref name="shifts"/> says (rows down, columns right, two per sample), in double,
    /// written from Keras's definition (TensorFlow's ImageProjectiveTransform): the output at (r, c) reads the input at
    /// (r − down, c − right), mapped into the image by the fill mode and interpolated from its neighbours.
    /// </summary>
    private static double[] Translate(RandomTranslationLayerInfo layer, float[] shifts, double[] x, int count)
    {
        int h = layer.InputShape[0], w = layer.InputShape[1], c = layer.InputShape[2];
        var y = new double[x.Length];
        double Map(double v, int n)
        {
            if (layer.FillMode == FillMode.Constant || (v >= 0 && v <= n - 1))
            {
                return v;
            }

            if (n == 1)
            {
                return 0;
            }

            v = layer.FillMode switch
            {
                // Reflection about -1/2 and n - 1/2, repeated with period 2n.
                FillMode.Reflect => ((v % (2 * n)) + (2 * n)) % (2 * n) is var f && f >= n ? (2 * n) - f - 1 : ((v % (2 * n)) + (2 * n)) % (2 * n),
                FillMode.Wrap => ((v % n) + n) % n,
                _ => v,
            };
            return Math.Clamp(v, 0, n - 1);
        }

        double Pixel(int s, double row, double column, int k)
        {
            bool inside = row >= 0 && row <= h - 1 && column >= 0 && column <= w - 1;
            return inside ? x[(((s * h) + (int)row) * w + (int)column) * c + k] : layer.FillValue;
        }

        for (int s = 0; s < count; s++)
        {
            for (int r = 0; r < h; r++)
            {
                double sy = Map(r - (double)shifts[2 * s], h);
                for (int col = 0; col < w; col++)
                {
                    double sx = Map(col - (double)shifts[(2 * s) + 1], w);
                    for (int k = 0; k < c; k++)
                    {
                        double value;
                        if (layer.Interpolation == Interpolation.Nearest)
                        {
                            value = Pixel(s, Math.Round(sy, MidpointRounding.AwayFromZero), Math.Round(sx, MidpointRounding.AwayFromZero), k);
                        }
                        else
                        {
                            double y0 = Math.Floor(sy), x0 = Math.Floor(sx);
                            double top = ((x0 + 1 - sx) * Pixel(s, y0, x0, k)) + ((sx - x0) * Pixel(s, y0, x0 + 1, k));
                            double bottom = ((x0 + 1 - sx) * Pixel(s, y0 + 1, x0, k)) + ((sx - x0) * Pixel(s, y0 + 1, x0 + 1, k));
                            value = ((y0 + 1 - sy) * top) + ((sy - y0) * bottom);
                        }

                        y[((s * h + r) * w + col) * c + k] = value;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>Each sample flipped as <paramref name="flips"/> says (bit 0: left–right, bit 1: top–bottom).</summary>
    private static double[] Flip(RandomFlipLayerInfo layer, float[] flips, double[] x, int count)
    {
        int h = layer.InputShape[0], w = layer.InputShape[1], c = layer.InputShape[2];
        var y = new double[x.Length];
        for (int s = 0; s < count; s++)
        {
            int flip = (int)flips[s];
            for (int r = 0; r < h; r++)
            {
                for (int col = 0; col < w; col++)
                {
                    int from = (((s * h) + ((flip & 2) != 0 ? h - 1 - r : r)) * w + ((flip & 1) != 0 ? w - 1 - col : col)) * c;
                    Array.Copy(x, from, y, ((s * h + r) * w + col) * c, c);
                }
            }
        }

        return y;
    }

    /// <summary>TensorFlow's padding before the first position: half the total, rounded down (none for Valid).</summary>
    private static int PadBefore(int input, int output, int window, int stride, int dilation) =>
        Math.Max((output - 1) * stride + dilation * (window - 1) + 1 - input, 0) / 2;

    private static double[] Add(float[] noise, double[] x) => x.Select((v, k) => v + (double)noise[k]).ToArray();

    private static double[] ActivateRows(LayerInfo layer, double[] x, int count)
    {
        int units = x.Length / count;
        var y = new double[x.Length];
        for (int s = 0; s < count; s++)
        {
            Activate(layer, x.AsSpan(s * units, units).ToArray(), isOutput: false).CopyTo(y, s * units);
        }

        return y;
    }

    /// <summary>Per channel (the last axis): each position of each sample is a row of channels, as Keras's <c>axis=-1</c>.</summary>
    private static double[] BatchNormalization(BatchNormalizationLayerInfo layer, double[] parameters, double[] state, double[] x, int count, bool training)
    {
        int features = layer.OutputShape[^1];
        int rows = count * (layer.OutputSize / features);
        ParameterInfo gamma = layer.Parameter("gamma"), beta = layer.Parameter("beta");
        ParameterInfo movingMean = layer.Parameter("moving_mean"), movingVariance = layer.Parameter("moving_variance");
        var y = new double[x.Length];
        for (int f = 0; f < features; f++)
        {
            double mean, variance;
            if (training)
            {
                mean = Enumerable.Range(0, rows).Average(s => x[s * features + f]);
                variance = Enumerable.Range(0, rows).Average(s => (x[s * features + f] - mean) * (x[s * features + f] - mean));
            }
            else
            {
                mean = state[movingMean.Offset + f];
                variance = state[movingVariance.Offset + f];
            }

            double inverse = 1 / Math.Sqrt(variance + layer.Epsilon);
            for (int s = 0; s < rows; s++)
            {
                y[s * features + f] = parameters[gamma.Offset + f] * (x[s * features + f] - mean) * inverse + parameters[beta.Offset + f];
            }
        }

        return y;
    }

    private static double[] Activate(LayerInfo layer, double[] z, bool isOutput)
    {
        (Activation function, float slope) = layer switch
        {
            DenseLayerInfo dense => (dense.Activation, dense.NegativeSlope),
            ActivationLayerInfo activation => (activation.Activation, activation.NegativeSlope),
            Conv2DLayerInfo conv => (conv.Activation, conv.NegativeSlope),
            Conv1DLayerInfo conv => (conv.Activation, conv.NegativeSlope),
            _ => (Activation.Linear, 0f),
        };
        var a = new double[z.Length];
        if (function == Activation.Softmax)
        {
            double lse = LogSumExp(z);
            for (int i = 0; i < z.Length; i++)
            {
                a[i] = Math.Exp(z[i] - lse);
            }

            return a;
        }

        for (int i = 0; i < z.Length; i++)
        {
            a[i] = Function(function, slope, z[i]);
        }

        return a;
    }

    /// <summary>One activation of one value, from its definition.</summary>
    private static double Function(Activation function, float slope, double v) => function switch
        {
            Activation.ReLU => v > 0 ? v : 0,
            Activation.LeakyReLU => v > 0 ? v : slope * v,
            Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
            Activation.Tanh => Math.Tanh(v),
            Activation.Linear => v,
            Activation.ELU => v > 0 ? v : Math.Exp(v) - 1,
            Activation.SELU => v > 0 ? 1.0507009873554804934 * v : 1.0507009873554804934 * 1.6732632423543772848 * (Math.Exp(v) - 1),
            Activation.Softplus => Math.Max(v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v))),
            Activation.HardSigmoid => Math.Min(Math.Max(v + 3, 0), 6) / 6,
            Activation.GELU => 0.5 * v * (1 + SpecialFunctions.Erf(v / Math.Sqrt(2))),
            Activation.GELUTanh => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))),
            Activation.SiLU => v / (1 + Math.Exp(-v)),
            _ => throw new NotSupportedException($"The reference does not know {function}."),
        };

    private static double LogSumExp(double[] z)
    {
        double max = z.Max();
        double sum = 0;
        foreach (double v in z)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}
