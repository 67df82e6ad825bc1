namespace StaticNet;

/// <summary>
/// Random flips of images in training, as Keras's <c>RandomFlip</c>: each sample is flipped left–right and/or top–bottom
/// (per <paramref name="mode"/>), each with probability ½, drawn afresh every step from the training workspace's random
/// stream (which <c>Fit</c> seeds from its <c>seed</c>); in inference the identity. A data augmentation: the primer lists
/// it among the ways to generalise better. Only for data whose label does not change under the flip (not digits).
/// </summary>
/// <param name="mode">Which flips: horizontal, vertical, or both (the default, as Keras).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomFlipAttribute(FlipMode mode = FlipMode.HorizontalAndVertical) : Attribute
{
    /// <summary>Which flips may be applied.</summary>
    public FlipMode Mode { get; } = mode;
}
