using System.Buffers;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace StaticNet.Generated;

/// <summary>The three recurrent cells, as Keras names them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum RecurrentCell
{
    /// <summary><c>h = act(x·W + h₋₁·U + b)</c>.</summary>
    SimpleRNN = 0,

    /// <summary>Keras's GRU: gates z, r and the candidate h in that column order.</summary>
    GRU = 1,

    /// <summary>Keras's LSTM: gates i, f, the candidate c, and o in that column order.</summary>
    LSTM = 2,
}

/// <summary>
/// A recurrent layer's sizes and settings, as constants from generated code: steps × features in, units per step out
/// (every step's, or the last's), the cell, its two activations and the GRU's reset placement. For one direction of a
/// bidirectional layer: <see cref="Reverse"/> runs the steps last to first, the output rows are
/// <see cref="OutputWidth"/> wide (both directions' units) with this direction's at <see cref="OutputOffset"/>, and
/// <see cref="AddInputGradient"/> adds to the input gradient the other direction wrote.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct RecurrentGeometry(
    RecurrentCell Cell, int Steps, int Features, int Units, Activation Activation, Activation RecurrentActivation, bool ReturnSequences, bool ResetAfter,
    bool Reverse = false, int OutputOffset = 0, int Width = 0, bool AddInputGradient = false)
{
    /// <summary>Floats of one output row: the units, or both directions' for a bidirectional layer.</summary>
    public int OutputWidth => Width == 0 ? Units : Width;

    /// <summary>The input step processed k-th.</summary>
    public int StepAt(int k) => Reverse ? Steps - 1 - k : k;

    /// <summary>Gate blocks of <see cref="Units"/> columns in the kernels: 1, 3 or 4.</summary>
    public int Gates => Cell switch { RecurrentCell.GRU => 3, RecurrentCell.LSTM => 4, _ => 1 };

    /// <summary>Bias values: the gate columns, twice for a GRU with the reset after the product (an input and a recurrent bias).</summary>
    public int BiasSize => Gates * Units * (Cell == RecurrentCell.GRU && ResetAfter ? 2 : 1);

    /// <summary>
    /// What training keeps per step, for backpropagation through time: SimpleRNN the state h; GRU z, r, the candidate,
    /// the recurrent candidate term (h₋₁·U_h + b_h, with the reset after) and h; LSTM i, f, the candidate, o, c and h.
    /// </summary>
    public int RecordSize => Units * Cell switch { RecurrentCell.GRU => 5, RecurrentCell.LSTM => 6, _ => 1 };

    /// <summary>Output values per sample.</summary>
    public int OutputSize => ReturnSequences ? Steps * OutputWidth : OutputWidth;

    /// <summary>
    /// Where a mask skips a step and every step's state is returned: a bidirectional layer's output there is zero (Keras's
    /// Bidirectional sets <c>zero_output_for_mask</c>), a one-directional layer's the state carried over it (Keras's default).
    /// </summary>
    public bool ZeroesMaskedOutput => Width != 0;
}

/// <summary>
/// SimpleRNN, GRU and LSTM over sequences, with Keras's semantics (kernel features × gates·units, recurrent kernel units
/// × gates·units, gate columns in Keras's order, the state starting at zero), and their backward pass through time.
/// The passes go step by step over the whole batch: each step's products one product tiled over the samples
/// (<see cref="RecurrentKernels"/>), then each sample's cell (<see cref="FusedCells"/> for Keras's default activations,
/// whole spans of units otherwise), the gates' sigmoid and tanh vectorised (<see cref="GateFunctions"/>). Every value
/// is computed in a fixed order whatever the batch, so a sequence alone, in a batch or a step at a time gives the same
/// bits on a given processor (they may differ between processors, as the Dense layers' do).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecurrentReference
{
    /// <summary>
    /// Runs <paramref name="count"/> sequences through the layer. <paramref name="records"/> (steps × RecordSize per
    /// sample) receives what the backward pass needs, or is empty in inference. With <paramref name="tokens"/> (the
    /// network's token ids, steps per sample, from an embedding with <c>MaskZero</c>) a step whose id is 0 is padding, as
    /// Keras masks it: the states carry over it unchanged and its output is the carried state (or zero, see
    /// <see cref="RecurrentGeometry.ZeroesMaskedOutput"/>).
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, Span<float> y, Span<float> records, int count, in RecurrentGeometry g,
        ReadOnlySpan<float> tokens = default)
    {
        Check(x, kernel, recurrentKernel, bias, count, g);
        CheckTokens(tokens, count, g);
        DenseReference.CheckRows(y.Length, count, g.OutputSize, nameof(y));
        bool keep = !records.IsEmpty;
        if (keep)
        {
            DenseReference.CheckRows(records.Length, count, g.Steps * g.RecordSize, nameof(records));
        }

        if (count == 0)
        {
            return;
        }

        if (count == 1 && !keep && tokens.IsEmpty && StreamingCells.Apply(g, kernel, recurrentKernel))
        {
            StreamSequence(x, kernel, recurrentKernel, bias, y, g);
            return;
        }

        // Step by step over the whole batch: each step's products are one tiled product for every sample (a kernel row
        // loaded once serves them all), then each sample's cell. Without records (inference) two rows of records per
        // sample alternate as this step's and the last.
        int u = g.Units, width = g.Gates * u, r = g.RecordSize;
        int scratchSize = 2 * count * width + r + (keep ? 0 : 2 * count * r);
        using Scratch pooled = new(scratchSize, scratchSize <= Scratch.StackFloats ? stackalloc float[scratchSize] : default);
        Span<float> scratch = pooled.Floats;
        Span<float> gx = scratch.Slice(0, count * width), gh = scratch.Slice(count * width, count * width), zeros = scratch.Slice(2 * count * width, r);
        Span<float> current = keep ? default : scratch.Slice(2 * count * width + r, count * r), previous = keep ? default : scratch.Slice(2 * count * width + r + count * r, count * r);
        zeros.Clear(); // the record before the first step: every state zero
        int recordStride = keep ? g.Steps * r : r; // floats between two samples' records of one step
        for (int k = 0; k < g.Steps; k++)
        {
            // Records are kept in processing order (k); t is the input step (the reverse for a backward direction).
            int t = g.StepAt(k);
            Span<float> these = keep ? records.Slice(k * r) : current;
            ReadOnlySpan<float> before = k == 0 ? default : keep ? records.Slice((k - 1) * r) : previous;
            Products(x.Slice(t * g.Features), g.Steps * g.Features, kernel, recurrentKernel, bias, before, recordStride, gx, gh, count, g);
            for (int s = 0; s < count; s++)
            {
                Span<float> record = these.Slice(s * recordStride, r);
                bool masked = Masked(tokens, s, t, g);
                if (k == 0)
                {
                    record.Clear(); // the states start at zero (a masked first step keeps them there)
                }
                else if (masked)
                {
                    before.Slice(s * recordStride, r).CopyTo(record); // padding: every state carries over (the gates beside them are never read)
                }

                if (!masked)
                {
                    Cell(gx.Slice(s * width, width), gh.Slice(s * width, width), k == 0 ? zeros : before.Slice(s * recordStride, r), record, recurrentKernel, g);
                }

                ReadOnlySpan<float> h = State(record, g);
                if (g.ReturnSequences)
                {
                    Span<float> row = y.Slice((s * g.Steps + t) * g.OutputWidth + g.OutputOffset, u);
                    if (masked && g.ZeroesMaskedOutput)
                    {
                        row.Clear();
                    }
                    else
                    {
                        h.CopyTo(row);
                    }
                }
                else if (k == g.Steps - 1)
                {
                    h.CopyTo(y.Slice(s * g.OutputWidth + g.OutputOffset, u));
                }
            }

            if (!keep)
            {
                Span<float> swap = previous;
                previous = current;
                current = swap;
            }
        }
    }

    /// <summary>
    /// One sequence in inference, a streaming step at a time (<see cref="StreamingCells"/>: each block of units' products
    /// and cell in one pass, the same bits as the passes over a batch), the state on the stack, each step's h straight
    /// into its output row.
    /// </summary>
    private static void StreamSequence(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, Span<float> y, in RecurrentGeometry g)
    {
        int u = g.Units, size = g.RecordSize + u;
        using Scratch pooled = new(size, size <= Scratch.StackFloats ? stackalloc float[size] : default);
        Span<float> state = pooled.Floats.Slice(0, g.RecordSize), last = pooled.Floats.Slice(g.RecordSize, u);
        state.Clear();
        for (int k = 0; k < g.Steps; k++)
        {
            int t = g.StepAt(k);
            Span<float> h = g.ReturnSequences ? y.Slice(t * g.OutputWidth + g.OutputOffset, u) : k == g.Steps - 1 ? y.Slice(g.OutputOffset, u) : last;
            StreamingCells.Step(x.Slice(t * g.Features, g.Features), kernel, recurrentKernel, bias, state, h, g);
        }
    }

    /// <summary>
    /// Backpropagation through time for <paramref name="count"/> sequences: adds the kernels' and the bias's gradients,
    /// and writes dL/d(input) when <paramref name="inputGradient"/> is not empty, from dL/d(output) and the records the
    /// training forward pass kept. With <paramref name="tokens"/>, as <see cref="Forward"/>: a padding step passes dL/dh
    /// (and an LSTM's dL/dc) straight to the step before, and takes no parameter or input gradient.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> records, ReadOnlySpan<float> gradient,
        Span<float> kernelGradient, Span<float> recurrentKernelGradient, Span<float> biasGradient, Span<float> inputGradient, int count, in RecurrentGeometry g,
        ReadOnlySpan<float> tokens = default)
    {
        CheckTokens(tokens, count, g);
        int u = g.Units, width = g.Gates * u, r = g.RecordSize, f = g.Features;
        DenseReference.CheckRows(x.Length, count, g.Steps * f, nameof(x));
        DenseReference.CheckRows(records.Length, count, g.Steps * r, nameof(records));
        DenseReference.CheckRows(gradient.Length, count, g.OutputSize, nameof(gradient));
        if (kernelGradient.Length != f * width || recurrentKernelGradient.Length != u * width || biasGradient.Length != g.BiasSize)
        {
            throw new ArgumentException("The gradient buffers do not match the layer's kernels and bias.");
        }

        bool inputs = !inputGradient.IsEmpty;
        if (inputs)
        {
            DenseReference.CheckRows(inputGradient.Length, count, g.Steps * f, nameof(inputGradient));
        }

        if (count == 0)
        {
            return;
        }

        // Step by step (last to first) over the whole batch: each sample's cell gives its gates' gradients, then the
        // kernels' gradients, the input gradient and dL/dh₋₁ are each one tiled product over the batch (the kernels
        // transposed once for the last two).
        int size = count * (3 * u + 2 * width) + (f + u) * count + width * (f + u) + 2 * u;
        using Scratch pooled = new(size, default);
        Span<float> scratch = pooled.Floats;
        int at = 0;
        Span<float> Take(Span<float> all, int n)
        {
            Span<float> part = all.Slice(at, n);
            at += n;
            return part;
        }

        Span<float> dh = Take(scratch, count * u), dc = Take(scratch, count * u), dPrevious = Take(scratch, count * u);
        Span<float> dInput = Take(scratch, count * width), dRecurrent = Take(scratch, count * width);
        Span<float> xT = Take(scratch, f * count), hT = Take(scratch, u * count);
        Span<float> kernelT = Take(scratch, width * f), recurrentT = Take(scratch, width * u), work = Take(scratch, u), zeros = Take(scratch, u);
        zeros.Clear();
        Matrices.Transpose(kernel, f, width, kernelT);
        Matrices.Transpose(recurrentKernel, u, width, recurrentT);
        dh.Clear();
        dc.Clear();
        int recordStride = g.Steps * r;
        for (int k = g.Steps - 1; k >= 0; k--)
        {
            int t = g.StepAt(k);
            for (int s = 0; s < count; s++)
            {
                bool masked = Masked(tokens, s, t, g);
                Span<float> dhs = dh.Slice(s * u, u);
                if (g.ReturnSequences)
                {
                    if (!(masked && g.ZeroesMaskedOutput))
                    {
                        Add(dhs, gradient.Slice((s * g.Steps + t) * g.OutputWidth + g.OutputOffset, u));
                    }
                }
                else if (k == g.Steps - 1)
                {
                    Add(dhs, gradient.Slice(s * g.OutputWidth + g.OutputOffset, u));
                }

                // This step's input and h₋₁ as columns of xT and hT, for the kernels' gradients over the batch below.
                ReadOnlySpan<float> record = records.Slice(s * recordStride + k * r, r);
                ReadOnlySpan<float> before = k == 0 ? default : records.Slice(s * recordStride + (k - 1) * r, r);
                ReadOnlySpan<float> hp = k == 0 ? zeros : State(before, g);
                ReadOnlySpan<float> xs = x.Slice((s * g.Steps + t) * f, f);
                for (int i = 0; i < f; i++)
                {
                    xT[i * count + s] = xs[i];
                }

                for (int i = 0; i < u; i++)
                {
                    hT[i * count + s] = hp[i];
                }

                Span<float> di = dInput.Slice(s * width, width), dr = dRecurrent.Slice(s * width, width), dp = dPrevious.Slice(s * u, u);
                if (masked)
                {
                    // h and c were carried over this step: dh and dc go on to the step before unchanged, x_t had no effect.
                    di.Clear();
                    dr.Clear();
                    dhs.CopyTo(dp);
                    continue;
                }

                dp.Clear();
                ReadOnlySpan<float> cPrevious = g.Cell != RecurrentCell.LSTM ? default : k == 0 ? zeros : before.Slice(4 * u, u);
                CellBackward(record, hp, cPrevious, recurrentKernel, dhs, dc.Slice(s * u, u), di, dr, dp, work, g);
                if (g.Cell == RecurrentCell.GRU && !g.ResetAfter)
                {
                    // U_h += (r ⊙ h₋₁)ᵀ·dCandidate, which the product below leaves out (its candidate columns of dRecurrent are 0).
                    for (int i = 0; i < u; i++)
                    {
                        float a = record[u + i] * hp[i];
                        Span<float> row = recurrentKernelGradient.Slice(i * width + 2 * u, u);
                        for (int j = 0; j < u; j++)
                        {
                            row[j] += a * di[2 * u + j];
                        }
                    }
                }

                // The biases += the column sums of the gates' gradients.
                Add(biasGradient.Slice(0, width), di);
                if (g.Cell == RecurrentCell.GRU && g.ResetAfter)
                {
                    Add(biasGradient.Slice(width, width), dr);
                }
            }

            // W += x_tᵀ·dInput and U += h₋₁ᵀ·dRecurrent over the batch.
            RecurrentKernels.MultiplyAddRows(xT, count, f, count, dInput, width, kernelGradient, width, width);
            if (k > 0)
            {
                RecurrentKernels.MultiplyAddRows(hT, count, u, count, dRecurrent, width, recurrentKernelGradient, width, width);
            }

            if (inputs)
            {
                Span<float> rows = inputGradient.Slice(t * f);
                if (!g.AddInputGradient)
                {
                    for (int s = 0; s < count; s++)
                    {
                        rows.Slice(s * g.Steps * f, f).Clear();
                    }
                }

                RecurrentKernels.MultiplyAddRows(dInput, width, count, width, kernelT, f, rows, g.Steps * f, f);
            }

            // dL/dh₋₁: the cell's direct term (in dPrevious) plus dRecurrent·Uᵀ.
            dPrevious.CopyTo(dh);
            RecurrentKernels.MultiplyAddRows(dRecurrent, width, count, width, recurrentT, u, dh, u, u);
        }
    }

    /// <summary>
    /// One time step of one sequence, for streaming: from <paramref name="xt"/> (the step's features) and
    /// <paramref name="state"/> (the layer's last record: RecordSize floats, zero before the first step) to the new
    /// record in <paramref name="state"/> and the new h in <paramref name="h"/>. The same arithmetic as a step of
    /// <see cref="Forward"/>, so a sequence fed a step at a time gives Forward's bits. A <paramref name="masked"/> step
    /// (padding, its token id 0) leaves the state as it is and gives the carried h.
    /// </summary>
    public static void Step(
        ReadOnlySpan<float> xt, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, Span<float> state, Span<float> h, in RecurrentGeometry g, bool masked = false)
    {
        DenseReference.CheckRows(xt.Length, 1, g.Features, nameof(xt));
        CheckParameters(kernel, recurrentKernel, bias, g);
        if (state.Length != g.RecordSize)
        {
            ShapeGuard.ThrowLength(nameof(state), g.RecordSize, state.Length, "the layer's record size");
        }

        if (masked)
        {
            State(state, g).CopyTo(h);
            return;
        }

        if (StreamingCells.Apply(g, kernel, recurrentKernel) && !h.Overlaps(state))
        {
            StreamingCells.Step(xt, kernel, recurrentKernel, bias, state, h, g);
            return;
        }

        int width = g.Gates * g.Units;
        if (FusedCells.Apply(g) && 2 * width <= Scratch.StackFloats)
        {
            StepFused(xt, kernel, recurrentKernel, bias, state, h, g);
            return;
        }

        int scratchSize = 2 * width + g.RecordSize;
        using Scratch pooled = new(scratchSize, scratchSize <= Scratch.StackFloats ? stackalloc float[scratchSize] : default);
        Span<float> scratch = pooled.Floats;
        Span<float> record = scratch.Slice(2 * width, g.RecordSize);
        Step(xt, kernel, recurrentKernel, bias, state, record, scratch.Slice(0, width), scratch.Slice(width, width), g);
        record.CopyTo(state);
        State(record, g).CopyTo(h);
    }

    /// <summary>
    /// The one-step <c>Step</c> for the fused cells (a GRU with the reset after the product, an LSTM; Keras's activations), in a
    /// method of its own so that its few calls are inlined into it: within <c>Step</c>, beside the general path,
    /// the JIT's inlining budget ran out and left even the geometry's property getters as calls. The fused cells read each
    /// unit's previous states before they write its new ones, so the state is the record they write: no record to copy
    /// back, no pool.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StepFused(ReadOnlySpan<float> xt, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, Span<float> state, Span<float> h, in RecurrentGeometry g)
    {
        int units = g.Units, width = g.Gates * units;
        Span<float> products = stackalloc float[2 * width];
        Span<float> gx = products.Slice(0, width), gh = products.Slice(width, width);
        Products(xt, xt.Length, kernel, recurrentKernel, bias, state, state.Length, gx, gh, 1, g);
        FusedCells.Forward(gx, gh, state.Slice(4 * units, units), state, g);
        State(state, g).CopyTo(h);
    }

    /// <summary>
    /// d(output)/d(input) of one sequence, for saliency: the training forward pass and backpropagation through time on
    /// buffers rented from the shared pool (the parameters' gradients are computed and dropped).
    /// </summary>
    public static void InputGradient(
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, in RecurrentGeometry g,
        ReadOnlySpan<float> tokens = default)
    {
        int width = g.Gates * g.Units;
        int records = g.Steps * g.RecordSize, kernels = g.Features * width + g.Units * width + g.BiasSize;
        using Scratch pooled = new(records + g.OutputSize + kernels, default);
        Span<float> all = pooled.Floats;
        all.Clear();
        Span<float> kept = all.Slice(0, records), output = all.Slice(records, g.OutputSize), gradients = all.Slice(records + g.OutputSize);
        Forward(x, kernel, recurrentKernel, bias, output, kept, 1, g, tokens);
        Backward(
            x, kernel, recurrentKernel, kept, outputGradient, gradients.Slice(0, g.Features * width), gradients.Slice(g.Features * width, g.Units * width),
            gradients.Slice(g.Features * width + g.Units * width, g.BiasSize), inputGradient, 1, g, tokens);
    }

    /// <summary>
    /// A pass's scratch: the stack span it is given when the caller could stack-allocate it, else an array rented from
    /// the shared pool (so a large layer allocates nothing after the first call) and returned when disposed.
    /// </summary>
    private ref struct Scratch
    {
        /// <summary>The most floats a pass puts on the stack.</summary>
        public const int StackFloats = 4096;

        private readonly float[]? _rented;

        public Scratch(int size, Span<float> stack)
        {
            if (stack.Length == size)
            {
                Floats = stack;
            }
            else
            {
                _rented = ArrayPool<float>.Shared.Rent(size);
                Floats = _rented.AsSpan(0, size);
            }
        }

        public Span<float> Floats { get; }

        public readonly void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<float>.Shared.Return(_rented);
            }
        }
    }

    /// <summary>Whether step <paramref name="t"/> of sequence <paramref name="s"/> is padding: its token id is 0 (never, without tokens).</summary>
    private static bool Masked(ReadOnlySpan<float> tokens, int s, int t, in RecurrentGeometry g) => !tokens.IsEmpty && tokens[s * g.Steps + t] == 0f;

    private static void CheckTokens(ReadOnlySpan<float> tokens, int count, in RecurrentGeometry g)
    {
        if (!tokens.IsEmpty)
        {
            DenseReference.CheckRows(tokens.Length, count, g.Steps, nameof(tokens));
        }
    }

    /// <summary>The state h within a record (its last <c>units</c> values).</summary>
    private static ReadOnlySpan<float> State(ReadOnlySpan<float> record, in RecurrentGeometry g) => record.Slice(record.Length - g.Units, g.Units);

    /// <summary>One step of one sequence: from x_t and the previous step's record into <paramref name="record"/>.</summary>
    private static void Step(
        ReadOnlySpan<float> xt, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> before, Span<float> record,
        Span<float> gx, Span<float> gh, in RecurrentGeometry g)
    {
        Products(xt, xt.Length, kernel, recurrentKernel, bias, before, before.Length, gx, gh, 1, g);
        Cell(gx, gh, before, record, recurrentKernel, g);
    }

    /// <summary>
    /// A step's products for <paramref name="count"/> samples: gx = x_t·W + b (every gate) and gh = h₋₁·U (+ the recurrent
    /// bias after a GRU's reset; without the candidate's columns for a GRU whose reset comes before its product), from
    /// inputs <paramref name="xStride"/> apart and previous records <paramref name="recordStride"/> apart (none: h₋₁ = 0).
    /// </summary>
    private static void Products(
        ReadOnlySpan<float> x, int xStride, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> before, int recordStride,
        Span<float> gx, Span<float> gh, int count, in RecurrentGeometry g)
    {
        int u = g.Units, width = g.Gates * u;
        bool resetAfter = g.Cell == RecurrentCell.GRU && g.ResetAfter;
        for (int s = 0; s < count; s++)
        {
            bias.Slice(0, width).CopyTo(gx.Slice(s * width, width));
            if (resetAfter)
            {
                bias.Slice(width, width).CopyTo(gh.Slice(s * width, width));
            }
            else
            {
                gh.Slice(s * width, width).Clear();
            }
        }

        if (count == 1 && !before.IsEmpty && width < 128 && !(g.Cell == RecurrentCell.GRU && !g.ResetAfter))
        {
            // One sequence of a narrow layer: both products in one pass, for more independent chains (the same bits). From
            // 128 columns a product alone has eight 512-bit chains, and one pass per product measured faster.
            RecurrentKernels.MultiplyAddPair(x.Slice(0, g.Features), kernel, gx.Slice(0, width), before.Slice(g.RecordSize - u, u), recurrentKernel, gh.Slice(0, width), width, width);
            return;
        }

        RecurrentKernels.MultiplyAddRows(x, xStride, count, g.Features, kernel, width, gx, width, width);
        if (!before.IsEmpty)
        {
            // h₋₁ is each record's last units; z and r only where the reset comes before the candidate's product.
            int columns = g.Cell == RecurrentCell.GRU && !g.ResetAfter ? 2 * u : width;
            RecurrentKernels.MultiplyAddRows(before.Slice(g.RecordSize - u), recordStride, count, u, recurrentKernel, width, gh, width, columns);
        }
    }

    /// <summary>
    /// One sample's cell after its products: gates, candidate and states into <paramref name="record"/>, from the previous
    /// step's record <paramref name="previous"/> (zeros before the first step; never the same memory as the record).
    /// </summary>
    private static void Cell(ReadOnlySpan<float> gx, Span<float> gh, ReadOnlySpan<float> previous, Span<float> record, ReadOnlySpan<float> recurrentKernel, in RecurrentGeometry g)
    {
        int u = g.Units, width = g.Gates * u;
        ReadOnlySpan<float> hPrevious = State(previous, g);

        // Keras's default activations: the whole cell in one pass over the units (FusedCells, the same operations and bits
        // as below, without a call per operation).
        if (FusedCells.Apply(g))
        {
            FusedCells.Forward(gx, gh, g.Cell == RecurrentCell.GRU ? hPrevious : previous.Slice(4 * u, u), record, g);
            return;
        }

        // Whole spans of units at a time (TensorPrimitives, vectorised): the same operations whatever the span's length,
        // so a value's bits do not depend on the layer's size or on a sample's place in the batch.
        switch (g.Cell)
        {
            case RecurrentCell.SimpleRNN:
            {
                Span<float> h = record.Slice(0, u);
                TensorPrimitives.Add(gx, gh, h);
                RecurrentKernels.Activate(g.Activation, h);
                break;
            }

            case RecurrentCell.GRU:
            {
                Span<float> zr = record.Slice(0, 2 * u), z = record.Slice(0, u), r = record.Slice(u, u), candidate = record.Slice(2 * u, u), recurrentCandidate = record.Slice(3 * u, u), h = record.Slice(4 * u, u);
                TensorPrimitives.Add(gx.Slice(0, 2 * u), gh.Slice(0, 2 * u), zr);
                RecurrentKernels.Activate(g.RecurrentActivation, zr);
                if (g.ResetAfter)
                {
                    // candidate = act(x·W_h + b_h + r ⊙ (h₋₁·U_h + b_rh))
                    gh.Slice(2 * u, u).CopyTo(recurrentCandidate);
                    TensorPrimitives.MultiplyAdd(r, recurrentCandidate, gx.Slice(2 * u, u), candidate);
                }
                else
                {
                    // candidate = act(x·W_h + b_h + (r ⊙ h₋₁)·U_h), r ⊙ h₋₁ in gh's candidate columns (unused: their product is this one).
                    Span<float> reset = gh.Slice(2 * u, u);
                    TensorPrimitives.Multiply(r, hPrevious, reset);
                    recurrentCandidate.Clear();
                    RecurrentKernels.MultiplyAdd(reset, recurrentKernel.Slice(2 * u), width, recurrentCandidate);
                    TensorPrimitives.Add(gx.Slice(2 * u, u), recurrentCandidate, candidate);
                }

                RecurrentKernels.Activate(g.Activation, candidate);

                // h = z ⊙ h₋₁ + (1 − z) ⊙ candidate, as candidate + z ⊙ (h₋₁ − candidate).
                TensorPrimitives.Subtract(hPrevious, candidate, h);
                TensorPrimitives.MultiplyAdd(z, h, candidate, h);
                break;
            }

            default:
            {
                ReadOnlySpan<float> cPrevious = previous.Slice(4 * u, u);
                Span<float> i = record.Slice(0, u), f = record.Slice(u, u), candidate = record.Slice(2 * u, u), o = record.Slice(3 * u, u), c = record.Slice(4 * u, u), h = record.Slice(5 * u, u);
                TensorPrimitives.Add(gx, gh, record.Slice(0, 4 * u));
                RecurrentKernels.Activate(g.RecurrentActivation, record.Slice(0, 2 * u)); // i and f
                RecurrentKernels.Activate(g.Activation, candidate);
                RecurrentKernels.Activate(g.RecurrentActivation, o);

                // c = f ⊙ c₋₁ + i ⊙ candidate; h = o ⊙ act(c).
                TensorPrimitives.Multiply(i, candidate, c);
                TensorPrimitives.MultiplyAdd(f, cPrevious, c, c);
                c.CopyTo(h);
                RecurrentKernels.Activate(g.Activation, h);
                TensorPrimitives.Multiply(o, h, h);
                break;
            }
        }
    }

    /// <summary>
    /// One step's gates' gradients from dL/dh (and, for an LSTM, dL/dc, which it carries back in place): dInput for the
    /// input path, dRecurrent for the recurrent one, and dL/dh₋₁'s terms that do not pass through U in dPrevious.
    /// </summary>
    private static void CellBackward(
        ReadOnlySpan<float> record, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> dh, Span<float> dc,
        Span<float> dInput, Span<float> dRecurrent, Span<float> dPrevious, Span<float> work, in RecurrentGeometry g)
    {
        int u = g.Units, width = g.Gates * u;
        if (FusedCells.Apply(g))
        {
            // Keras's default activations: one fused pass (FusedCells), the operations below in their order.
            if (g.Cell == RecurrentCell.GRU)
            {
                FusedCells.GruBackward(record, hPrevious, dh, dInput, dRecurrent, dPrevious, u);
            }
            else
            {
                FusedCells.LstmBackward(record, cPrevious, dh, dc, dInput, dRecurrent, u);
            }

            return;
        }

        switch (g.Cell)
        {
            case RecurrentCell.SimpleRNN:
                dh.CopyTo(dInput);
                RecurrentKernels.Derivative(g.Activation, record, dInput);
                dInput.CopyTo(dRecurrent);
                break;

            case RecurrentCell.GRU:
            {
                ReadOnlySpan<float> z = record.Slice(0, u), r = record.Slice(u, u), candidate = record.Slice(2 * u, u), recurrentCandidate = record.Slice(3 * u, u);
                Span<float> dz = dInput.Slice(0, u), dr = dInput.Slice(u, u), dCandidate = dInput.Slice(2 * u, u);

                // h = z ⊙ h₋₁ + (1 − z) ⊙ candidate: dz = dh ⊙ (h₋₁ − candidate), dCandidate = dh ⊙ (1 − z), dh₋₁ += dh ⊙ z.
                TensorPrimitives.Subtract(hPrevious, candidate, dz);
                TensorPrimitives.Multiply(dz, dh, dz);
                TensorPrimitives.Subtract(1f, z, dCandidate);
                TensorPrimitives.Multiply(dCandidate, dh, dCandidate);
                TensorPrimitives.Multiply(dh, z, dPrevious);
                RecurrentKernels.Derivative(g.RecurrentActivation, z, dz);
                RecurrentKernels.Derivative(g.Activation, candidate, dCandidate);
                if (g.ResetAfter)
                {
                    TensorPrimitives.Multiply(dCandidate, recurrentCandidate, dr);
                    RecurrentKernels.Derivative(g.RecurrentActivation, r, dr);
                    dInput.CopyTo(dRecurrent);
                    TensorPrimitives.Multiply(dCandidate, r, dRecurrent.Slice(2 * u, u));
                }
                else
                {
                    // d(r ⊙ h₋₁) = dCandidate·U_hᵀ: to r through h₋₁, to h₋₁ through r.
                    for (int i = 0; i < u; i++)
                    {
                        work[i] = TensorPrimitives.Dot(recurrentKernel.Slice(i * width + 2 * u, u), dCandidate);
                    }

                    TensorPrimitives.Multiply(work, hPrevious, dr);
                    TensorPrimitives.MultiplyAdd(work, r, dPrevious, dPrevious);
                    RecurrentKernels.Derivative(g.RecurrentActivation, r, dr);
                    dInput.CopyTo(dRecurrent);
                    dRecurrent.Slice(2 * u, u).Clear(); // U_h's gradient is (r ⊙ h₋₁)ᵀ·dCandidate, added by the caller
                }

                break;
            }

            default:
            {
                ReadOnlySpan<float> i = record.Slice(0, u), f = record.Slice(u, u), candidate = record.Slice(2 * u, u), o = record.Slice(3 * u, u), c = record.Slice(4 * u, u);
                Span<float> di = dInput.Slice(0, u), df = dInput.Slice(u, u), dCandidate = dInput.Slice(2 * u, u), dO = dInput.Slice(3 * u, u);

                // act(c), and dL/dc = carried + dh ⊙ o ⊙ act′(c).
                c.CopyTo(work);
                RecurrentKernels.Activate(g.Activation, work);
                TensorPrimitives.Multiply(dh, work, dO);
                TensorPrimitives.Multiply(dh, o, df); // scratch: dh ⊙ o, through act′ next
                RecurrentKernels.Derivative(g.Activation, work, df);
                TensorPrimitives.Add(dc, df, dc);

                // c = f ⊙ c₋₁ + i ⊙ candidate: to i, f and the candidate, and dc ⊙ f carried to the step before.
                TensorPrimitives.Multiply(dc, candidate, di);
                TensorPrimitives.Multiply(dc, cPrevious, df);
                TensorPrimitives.Multiply(dc, i, dCandidate);
                TensorPrimitives.Multiply(dc, f, dc);
                RecurrentKernels.Derivative(g.RecurrentActivation, i, di);
                RecurrentKernels.Derivative(g.RecurrentActivation, f, df);
                RecurrentKernels.Derivative(g.Activation, candidate, dCandidate);
                RecurrentKernels.Derivative(g.RecurrentActivation, o, dO);
                dInput.CopyTo(dRecurrent);
                break;
            }
        }
    }

    private static void Add(Span<float> target, ReadOnlySpan<float> values) => TensorPrimitives.Add(target, values, target);

    private static void Check(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, int count, in RecurrentGeometry g)
    {
        DenseReference.CheckRows(x.Length, count, g.Steps * g.Features, nameof(x));
        CheckParameters(kernel, recurrentKernel, bias, g);
    }

    private static void CheckParameters(ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, in RecurrentGeometry g)
    {
        int width = g.Gates * g.Units;
        if (kernel.Length != g.Features * width)
        {
            ShapeGuard.ThrowLength(nameof(kernel), g.Features * width, kernel.Length, "features × gates·units");
        }

        if (recurrentKernel.Length != g.Units * width)
        {
            ShapeGuard.ThrowLength(nameof(recurrentKernel), g.Units * width, recurrentKernel.Length, "units × gates·units");
        }

        if (bias.Length != g.BiasSize)
        {
            ShapeGuard.ThrowLength(nameof(bias), g.BiasSize, bias.Length, "the bias size");
        }
    }
}
