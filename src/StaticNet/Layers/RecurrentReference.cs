using System.Buffers;
using System.ComponentModel;
using System.Numerics.Tensors;

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
/// Each matrix-vector product a row at a time through <see cref="TensorPrimitives"/> (vectorised, deterministic on a
/// given processor; the bits may differ between vector widths, as the Dense layers' do).
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

        int u = g.Units, width = g.Gates * u;
        int scratchSize = 2 * width + 2 * g.RecordSize;
        using Scratch pooled = new(scratchSize, scratchSize <= Scratch.StackFloats ? stackalloc float[scratchSize] : default);
        Span<float> scratch = pooled.Floats;
        Span<float> gx = scratch.Slice(0, width), gh = scratch.Slice(width, width);
        Span<float> current = scratch.Slice(2 * width, g.RecordSize), previous = scratch.Slice(2 * width + g.RecordSize, g.RecordSize);
        for (int s = 0; s < count; s++)
        {
            previous.Clear(); // the state starts at zero
            for (int k = 0; k < g.Steps; k++)
            {
                // Records are kept in processing order (k); t is the input step (the reverse for a backward direction).
                int t = g.StepAt(k);
                Span<float> record = keep ? records.Slice((s * g.Steps + k) * g.RecordSize, g.RecordSize) : current;
                ReadOnlySpan<float> before = k == 0 ? previous : keep ? records.Slice((s * g.Steps + k - 1) * g.RecordSize, g.RecordSize) : previous;
                bool masked = Masked(tokens, s, t, g);
                if (masked)
                {
                    before.CopyTo(record); // padding: every state carries over (the gates beside them are never read)
                }
                else
                {
                    Step(x.Slice((s * g.Steps + t) * g.Features, g.Features), kernel, recurrentKernel, bias, before, record, gx, gh, g);
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

                if (!keep)
                {
                    record.CopyTo(previous);
                }
            }
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
        int u = g.Units, width = g.Gates * u;
        DenseReference.CheckRows(x.Length, count, g.Steps * g.Features, nameof(x));
        DenseReference.CheckRows(records.Length, count, g.Steps * g.RecordSize, nameof(records));
        DenseReference.CheckRows(gradient.Length, count, g.OutputSize, nameof(gradient));
        if (kernelGradient.Length != g.Features * width || recurrentKernelGradient.Length != u * width || biasGradient.Length != g.BiasSize)
        {
            throw new ArgumentException("The gradient buffers do not match the layer's kernels and bias.");
        }

        bool inputs = !inputGradient.IsEmpty;
        if (inputs)
        {
            DenseReference.CheckRows(inputGradient.Length, count, g.Steps * g.Features, nameof(inputGradient));
        }

        int scratchSize = 2 * width + 4 * u + g.RecordSize;
        using Scratch pooled = new(scratchSize, scratchSize <= Scratch.StackFloats ? stackalloc float[scratchSize] : default);
        Span<float> scratch = pooled.Floats;
        Span<float> dInput = scratch.Slice(0, width), dRecurrent = scratch.Slice(width, width);
        Span<float> dh = scratch.Slice(2 * width, u), dc = scratch.Slice(2 * width + u, u), dPrevious = scratch.Slice(2 * width + 2 * u, u), work = scratch.Slice(2 * width + 3 * u, u);
        Span<float> zeros = scratch.Slice(2 * width + 4 * u, g.RecordSize);
        zeros.Clear();
        for (int s = 0; s < count; s++)
        {
            dh.Clear();
            dc.Clear();
            for (int k = g.Steps - 1; k >= 0; k--)
            {
                int t = g.StepAt(k);
                bool masked = Masked(tokens, s, t, g);
                if (g.ReturnSequences)
                {
                    if (!(masked && g.ZeroesMaskedOutput))
                    {
                        Add(dh, gradient.Slice((s * g.Steps + t) * g.OutputWidth + g.OutputOffset, u));
                    }
                }
                else if (k == g.Steps - 1)
                {
                    Add(dh, gradient.Slice(s * g.OutputWidth + g.OutputOffset, u));
                }

                if (masked)
                {
                    // h and c were carried over this step: dh and dc go on to the step before unchanged; x_t had no effect.
                    if (inputs && !g.AddInputGradient)
                    {
                        inputGradient.Slice((s * g.Steps + t) * g.Features, g.Features).Clear();
                    }

                    continue;
                }

                ReadOnlySpan<float> record = records.Slice((s * g.Steps + k) * g.RecordSize, g.RecordSize);
                ReadOnlySpan<float> before = k == 0 ? zeros : records.Slice((s * g.Steps + k - 1) * g.RecordSize, g.RecordSize);
                ReadOnlySpan<float> hPrevious = State(before, g);
                ReadOnlySpan<float> xt = x.Slice((s * g.Steps + t) * g.Features, g.Features);

                // The gates' gradients: dInput for the input path (x·W + b), dRecurrent for the recurrent one (h₋₁·U).
                dPrevious.Clear();
                CellBackward(record, before, recurrentKernel, dh, dc, dInput, dRecurrent, dPrevious, work, g);

                // Parameters: W += xᵀ·dInput, U += h₋₁ᵀ·dRecurrent, b += dInput (and the recurrent bias += dRecurrent).
                Outer(xt, dInput, kernelGradient);
                Outer(hPrevious, dRecurrent, recurrentKernelGradient);
                if (g.Cell == RecurrentCell.GRU && !g.ResetAfter)
                {
                    // U_h += (r ⊙ h₋₁)ᵀ·dCandidate, which the line above leaves out (its candidate columns of dRecurrent are 0).
                    for (int i = 0; i < u; i++)
                    {
                        float a = record[u + i] * hPrevious[i];
                        Span<float> row = recurrentKernelGradient.Slice(i * width + 2 * u, u);
                        for (int j = 0; j < u; j++)
                        {
                            row[j] += a * dInput[2 * u + j];
                        }
                    }
                }

                Add(biasGradient.Slice(0, width), dInput);
                if (g.Cell == RecurrentCell.GRU && g.ResetAfter)
                {
                    Add(biasGradient.Slice(width, width), dRecurrent);
                }

                if (inputs)
                {
                    MultiplyTransposed(dInput, kernel, inputGradient.Slice((s * g.Steps + t) * g.Features, g.Features), g.Features, width, g.AddInputGradient);
                }

                // dL/dh₋₁: the cell's direct term (in dPrevious) plus dRecurrent·Uᵀ.
                for (int i = 0; i < u; i++)
                {
                    dh[i] = dPrevious[i] + TensorPrimitives.Dot(recurrentKernel.Slice(i * width, width), dRecurrent);
                }
            }
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
        Check(xt, kernel, recurrentKernel, bias, 1, g with { Steps = 1 });
        if (state.Length != g.RecordSize)
        {
            ShapeGuard.ThrowLength(nameof(state), g.RecordSize, state.Length, "the layer's record size");
        }

        if (masked)
        {
            State(state, g).CopyTo(h);
            return;
        }

        int width = g.Gates * g.Units;
        int scratchSize = 2 * width + g.RecordSize;
        using Scratch pooled = new(scratchSize, scratchSize <= Scratch.StackFloats ? stackalloc float[scratchSize] : default);
        Span<float> scratch = pooled.Floats;
        Span<float> record = scratch.Slice(2 * width, g.RecordSize);
        Step(xt, kernel, recurrentKernel, bias, state, record, scratch.Slice(0, width), scratch.Slice(width, width), g);
        record.CopyTo(state);
        State(record, g).CopyTo(h);
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

    /// <summary>One step: from x_t and the previous step's record into <paramref name="record"/>.</summary>
    private static void Step(
        ReadOnlySpan<float> xt, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> before, Span<float> record,
        Span<float> gx, Span<float> gh, in RecurrentGeometry g)
    {
        int u = g.Units, width = g.Gates * u;
        ReadOnlySpan<float> hPrevious = State(before, g);
        bias.Slice(0, width).CopyTo(gx);
        MultiplyAdd(xt, kernel, gx, width);
        if (g.Cell == RecurrentCell.GRU && g.ResetAfter)
        {
            bias.Slice(width, width).CopyTo(gh);
        }
        else
        {
            gh.Clear();
        }

        switch (g.Cell)
        {
            case RecurrentCell.SimpleRNN:
            {
                MultiplyAdd(hPrevious, recurrentKernel, gh, width);
                Span<float> h = record.Slice(0, u);
                for (int j = 0; j < u; j++)
                {
                    h[j] = gx[j] + gh[j];
                }

                Activations.ApplyPrecise(g.Activation, h, 0f);
                break;
            }

            case RecurrentCell.GRU:
            {
                Span<float> z = record.Slice(0, u), r = record.Slice(u, u), candidate = record.Slice(2 * u, u), recurrentCandidate = record.Slice(3 * u, u), h = record.Slice(4 * u, u);
                if (g.ResetAfter)
                {
                    MultiplyAdd(hPrevious, recurrentKernel, gh, width); // every gate's h₋₁·U (+ the recurrent bias)
                }
                else
                {
                    MultiplyAdd(hPrevious, recurrentKernel, gh, width, columns: 2 * u); // z and r only: the candidate's product takes r ⊙ h₋₁
                }

                for (int j = 0; j < u; j++)
                {
                    z[j] = gx[j] + gh[j];
                    r[j] = gx[u + j] + gh[u + j];
                }

                Activations.ApplyPrecise(g.RecurrentActivation, z, 0f);
                Activations.ApplyPrecise(g.RecurrentActivation, r, 0f);
                if (g.ResetAfter)
                {
                    for (int j = 0; j < u; j++)
                    {
                        recurrentCandidate[j] = gh[2 * u + j];
                        candidate[j] = gx[2 * u + j] + r[j] * gh[2 * u + j];
                    }
                }
                else
                {
                    // (r ⊙ h₋₁)·U_h
                    for (int j = 0; j < u; j++)
                    {
                        float sum = 0f;
                        for (int i = 0; i < u; i++)
                        {
                            sum += r[i] * hPrevious[i] * recurrentKernel[i * width + 2 * u + j];
                        }

                        recurrentCandidate[j] = sum;
                        candidate[j] = gx[2 * u + j] + sum;
                    }
                }

                Activations.ApplyPrecise(g.Activation, candidate, 0f);
                for (int j = 0; j < u; j++)
                {
                    h[j] = z[j] * hPrevious[j] + (1f - z[j]) * candidate[j];
                }

                break;
            }

            default:
            {
                MultiplyAdd(hPrevious, recurrentKernel, gh, width);
                ReadOnlySpan<float> cPrevious = before.Slice(4 * u, u);
                Span<float> i = record.Slice(0, u), f = record.Slice(u, u), candidate = record.Slice(2 * u, u), o = record.Slice(3 * u, u), c = record.Slice(4 * u, u), h = record.Slice(5 * u, u);
                for (int j = 0; j < 4 * u; j++)
                {
                    record[j] = gx[j] + gh[j];
                }

                Activations.ApplyPrecise(g.RecurrentActivation, i, 0f);
                Activations.ApplyPrecise(g.RecurrentActivation, f, 0f);
                Activations.ApplyPrecise(g.Activation, candidate, 0f);
                Activations.ApplyPrecise(g.RecurrentActivation, o, 0f);
                for (int j = 0; j < u; j++)
                {
                    c[j] = f[j] * cPrevious[j] + i[j] * candidate[j];
                    h[j] = c[j];
                }

                Activations.ApplyPrecise(g.Activation, h, 0f);
                for (int j = 0; j < u; j++)
                {
                    h[j] = o[j] * h[j];
                }

                break;
            }
        }
    }

    /// <summary>
    /// One step's gates' gradients from dL/dh (and, for an LSTM, dL/dc, which it carries back in place): dInput for the
    /// input path, dRecurrent for the recurrent one, and dL/dh₋₁'s terms that do not pass through U in dPrevious.
    /// </summary>
    private static void CellBackward(
        ReadOnlySpan<float> record, ReadOnlySpan<float> before, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> dh, Span<float> dc,
        Span<float> dInput, Span<float> dRecurrent, Span<float> dPrevious, Span<float> work, in RecurrentGeometry g)
    {
        int u = g.Units, width = g.Gates * u;
        ReadOnlySpan<float> hPrevious = State(before, g);
        switch (g.Cell)
        {
            case RecurrentCell.SimpleRNN:
                dh.CopyTo(dInput);
                Activations.Backward(g.Activation, record, dInput);
                dInput.CopyTo(dRecurrent);
                break;

            case RecurrentCell.GRU:
            {
                ReadOnlySpan<float> z = record.Slice(0, u), r = record.Slice(u, u), candidate = record.Slice(2 * u, u), recurrentCandidate = record.Slice(3 * u, u);
                Span<float> dz = dInput.Slice(0, u), dr = dInput.Slice(u, u), dCandidate = dInput.Slice(2 * u, u);
                for (int j = 0; j < u; j++)
                {
                    dz[j] = dh[j] * (hPrevious[j] - candidate[j]);
                    dCandidate[j] = dh[j] * (1f - z[j]);
                    dPrevious[j] = dh[j] * z[j];
                }

                Activations.Backward(g.RecurrentActivation, z, dz);
                Activations.Backward(g.Activation, candidate, dCandidate);
                if (g.ResetAfter)
                {
                    for (int j = 0; j < u; j++)
                    {
                        dr[j] = dCandidate[j] * recurrentCandidate[j];
                    }

                    Activations.Backward(g.RecurrentActivation, r, dr);
                    dInput.CopyTo(dRecurrent);
                    for (int j = 0; j < u; j++)
                    {
                        dRecurrent[2 * u + j] = dCandidate[j] * r[j];
                    }
                }
                else
                {
                    // d(r ⊙ h₋₁) = dCandidate·U_hᵀ: to r through h₋₁, to h₋₁ through r.
                    for (int i = 0; i < u; i++)
                    {
                        float sum = 0f;
                        ReadOnlySpan<float> row = recurrentKernel.Slice(i * width + 2 * u, u);
                        for (int j = 0; j < u; j++)
                        {
                            sum += row[j] * dCandidate[j];
                        }

                        work[i] = sum;
                        dr[i] = sum * hPrevious[i];
                        dPrevious[i] += sum * r[i];
                    }

                    Activations.Backward(g.RecurrentActivation, r, dr);
                    dInput.CopyTo(dRecurrent);
                    dRecurrent.Slice(2 * u, u).Clear(); // U_h's gradient is (r ⊙ h₋₁)ᵀ·dCandidate, added below
                }

                break;
            }

            default:
            {
                ReadOnlySpan<float> i = record.Slice(0, u), f = record.Slice(u, u), candidate = record.Slice(2 * u, u), o = record.Slice(3 * u, u), c = record.Slice(4 * u, u);
                ReadOnlySpan<float> cPrevious = before.Slice(4 * u, u);
                Span<float> di = dInput.Slice(0, u), df = dInput.Slice(u, u), dCandidate = dInput.Slice(2 * u, u), dO = dInput.Slice(3 * u, u);

                // act(c), and dL/dc = carried + dh ⊙ o ⊙ act′(c).
                c.CopyTo(work);
                Activations.ApplyPrecise(g.Activation, work, 0f);
                for (int j = 0; j < u; j++)
                {
                    dO[j] = dh[j] * work[j];
                    df[j] = dh[j] * o[j]; // scratch: dh ⊙ o, through act′ next
                }

                Activations.Backward(g.Activation, work, df);
                for (int j = 0; j < u; j++)
                {
                    dc[j] += df[j];
                    di[j] = dc[j] * candidate[j];
                    df[j] = dc[j] * cPrevious[j];
                    dCandidate[j] = dc[j] * i[j];
                    dc[j] *= f[j]; // carried to the step before
                }

                Activations.Backward(g.RecurrentActivation, i, di);
                Activations.Backward(g.RecurrentActivation, f, df);
                Activations.Backward(g.Activation, candidate, dCandidate);
                Activations.Backward(g.RecurrentActivation, o, dO);
                dInput.CopyTo(dRecurrent);
                break;
            }
        }
    }

    /// <summary>y[0..columns) += Σᵢ v[i] · M[i, 0..columns), M row-major with <paramref name="width"/> columns.</summary>
    private static void MultiplyAdd(ReadOnlySpan<float> v, ReadOnlySpan<float> matrix, Span<float> y, int width, int columns = -1)
    {
        if (columns < 0)
        {
            columns = width;
        }

        for (int i = 0; i < v.Length; i++)
        {
            float a = v[i];
            if (a == 0f)
            {
                continue;
            }

            TensorPrimitives.MultiplyAdd(matrix.Slice(i * width, columns), a, y.Slice(0, columns), y.Slice(0, columns));
        }
    }

    /// <summary>out[i] = Σⱼ d[j] · M[i, j] (or += when <paramref name="add"/>), M row-major with <paramref name="width"/> columns.</summary>
    private static void MultiplyTransposed(ReadOnlySpan<float> d, ReadOnlySpan<float> matrix, Span<float> output, int rows, int width, bool add)
    {
        for (int i = 0; i < rows; i++)
        {
            float dot = TensorPrimitives.Dot(matrix.Slice(i * width, width), d);
            output[i] = add ? output[i] + dot : dot;
        }
    }

    /// <summary>M += vᵀ·d (M rows of d's length).</summary>
    private static void Outer(ReadOnlySpan<float> v, ReadOnlySpan<float> d, Span<float> matrix)
    {
        int width = d.Length;
        for (int i = 0; i < v.Length; i++)
        {
            float a = v[i];
            if (a == 0f)
            {
                continue;
            }

            Span<float> row = matrix.Slice(i * width, width);
            TensorPrimitives.MultiplyAdd(d, a, row, row);
        }
    }

    private static void Add(Span<float> target, ReadOnlySpan<float> values)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += values[i];
        }
    }

    private static void Check(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, int count, in RecurrentGeometry g)
    {
        DenseReference.CheckRows(x.Length, count, g.Steps * g.Features, nameof(x));
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
