using System.ComponentModel;

namespace StaticNet;

/// <summary>
/// Everything a training step needs besides the parameters: scratch memory for the activations and gradients of a tile
/// of samples (and whatever else a layer keeps between its forward and backward pass: dropout masks, normalised values,
/// transposed kernels), the random stream dropout draws from, and the training flag. <c>Fit</c> creates one per worker
/// and reuses it for every batch, so a step allocates nothing and never depends on the thread's stack size.
/// </summary>
/// <remarks>
/// Create one with the network's <c>CreateWorkspace</c>; a workspace belongs to the network type that made it, and one
/// thread uses it at a time.
/// </remarks>
public sealed class TrainingWorkspace
{
    // On a cache line, so that a generated network's buffers, laid out at whole lines from it, start on lines too.
    private readonly Generated.AlignedFloats _floats;

    /// <summary>Called by generated code (a network's <c>CreateWorkspace</c>); use that instead.</summary>
    /// <param name="owner">The network type whose layout this is.</param>
    /// <param name="floatsPerCall">Scratch a step needs once, whatever the number of samples.</param>
    /// <param name="floatsPerSample">Scratch a step needs per sample of a tile.</param>
    /// <param name="samples">The most samples the generated step will put into one tile with this workspace.</param>
    /// <param name="seed">Seeds <see cref="Random"/>.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public TrainingWorkspace(Type owner, int floatsPerCall, int floatsPerSample, int samples, long seed)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfNegative(floatsPerCall);
        ArgumentOutOfRangeException.ThrowIfNegative(floatsPerSample);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        long length = floatsPerCall + (long)floatsPerSample * samples;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"A workspace of {samples} samples would need {length} floats; use smaller batches.");
        }

        Owner = owner;
        FloatsPerCall = floatsPerCall;
        FloatsPerSample = floatsPerSample;
        Samples = samples;
        _floats = new Generated.AlignedFloats((int)length);
        Random = new SeededRandom(seed);
    }

    /// <summary>The network type this workspace was made for.</summary>
    public Type Owner { get; }

    /// <summary>The most samples one tile of a training step can hold with this workspace.</summary>
    public int Samples { get; }

    /// <summary>
    /// The random stream that layers with randomness (dropout) draw from, in layer order, sample by sample. Reseeding it
    /// (<see cref="Reseed"/>) makes the next steps draw the same masks again.
    /// </summary>
    public SeededRandom Random { get; private set; }

    /// <summary>
    /// Whether steps run in training mode (the default): dropout drops, batch normalisation uses and updates batch
    /// statistics. With <see langword="false"/>, a training step computes gradients of the inference-mode network (no
    /// dropout, moving statistics, none updated), as Keras does for a layer called with <c>training=False</c>.
    /// </summary>
    public bool Training { get; set; } = true;

    /// <summary>
    /// Per-sample loss weights for the next training steps in this workspace: empty (the default) for none, or one weight
    /// per sample of the step's batch, multiplying that sample's loss and gradient. <c>Fit</c> sets them from its
    /// <c>sampleWeight</c> and <c>classWeight</c>; inference-mode losses (<c>ComputeLoss</c>) ignore them.
    /// </summary>
    public ReadOnlyMemory<float> SampleWeights { get; set; }

    /// <summary>Called by generated code: <see cref="SampleWeights"/> for a step of <paramref name="count"/> samples, checked to have one weight each (or none).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ReadOnlySpan<float> SampleWeightsFor(int count)
    {
        ReadOnlySpan<float> weights = SampleWeights.Span;
        if (!weights.IsEmpty && weights.Length != count)
        {
            ShapeGuard.ThrowLength(nameof(SampleWeights), count, weights.Length, "one weight per sample of the step, or none");
        }

        return weights;
    }

    /// <summary>Scratch a step needs once per call.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int FloatsPerCall { get; }

    /// <summary>Scratch a step needs per sample of a tile.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int FloatsPerSample { get; }

    /// <summary>The scratch memory; its layout is the generated network's business.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Span<float> Floats => _floats.Span;

    /// <summary>Restarts <see cref="Random"/> from <paramref name="seed"/>.</summary>
    public void Reseed(long seed) => Random = new SeededRandom(seed);

    /// <summary>
    /// Called by generated code: checks that this workspace was made for <paramref name="network"/> and can hold a tile of
    /// <paramref name="tile"/> samples, and returns its memory.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Span<float> For(Type network, int tile)
    {
        if (network != Owner)
        {
            throw new ArgumentException($"This workspace was made by {Owner.Name}.CreateWorkspace, not by {network.Name}'s.", "workspace");
        }

        if (tile > Samples)
        {
            throw new ArgumentException(
                $"This workspace holds {Samples} samples per tile, but {network.Name} needs {tile} for this call; create it with {network.Name}.CreateWorkspace({tile}).",
                "workspace");
        }

        return _floats.Span;
    }

    /// <summary>
    /// Called by generated code for its convenience overloads (those without a workspace argument): this thread's
    /// workspace for a network, created on first use and replaced by a larger one when a call needs more samples. Its
    /// random stream starts from seed 0.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TrainingWorkspace ForThread(ref TrainingWorkspace? cached, Type owner, int floatsPerCall, int floatsPerSample, int samples)
    {
        TrainingWorkspace? workspace = cached;
        if (workspace is null || workspace.Samples < samples)
        {
            cached = workspace = new TrainingWorkspace(owner, floatsPerCall, floatsPerSample, Math.Max(samples, workspace?.Samples ?? 1), seed: 0);
        }

        return workspace;
    }
}
