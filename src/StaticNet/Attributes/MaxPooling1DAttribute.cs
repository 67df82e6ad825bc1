namespace StaticNet;

/// <summary>1-D max pooling over sequences, channels last, as Keras's <c>MaxPooling1D</c>: the largest value of each window of steps, per channel.</summary>
/// <param name="poolSize">Steps per window (at least 1).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPooling1DAttribute(int poolSize) : Attribute
{
    /// <summary>Steps per window.</summary>
    public int PoolSize { get; } = poolSize;

    /// <summary>Steps between windows; 0 (the default) means the pool size, as Keras's <c>strides=None</c>.</summary>
    public int Strides { get; set; }

    /// <summary><see cref="Padding.Valid"/> (the default) or <see cref="Padding.Same"/>.</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
