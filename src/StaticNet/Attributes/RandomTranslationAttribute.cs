namespace StaticNet;

/// <summary>
/// Random shifts of images in training, as Keras's <c>RandomTranslation</c>: each sample is moved down by a fraction of
/// its height drawn uniformly from [−<paramref name="heightFactor"/>, <paramref name="heightFactor"/>) and right by a
/// fraction of its width from [−<paramref name="widthFactor"/>, <paramref name="widthFactor"/>), read between pixels by
/// <see cref="Interpolation"/> and filled at the edges by <see cref="FillMode"/>; the shifts are drawn afresh every step
/// from the training workspace's random stream (which <c>Fit</c> seeds from its <c>seed</c>). In inference the identity.
/// A data augmentation: digits shifted by a pixel or two are the same digits.
/// </summary>
/// <param name="heightFactor">The largest vertical shift, as a fraction of the height, in [0, 1].</param>
/// <param name="widthFactor">The largest horizontal shift, as a fraction of the width, in [0, 1].</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomTranslationAttribute(double heightFactor, double widthFactor) : Attribute
{
    /// <summary>The largest vertical shift, as a fraction of the height.</summary>
    public double HeightFactor { get; } = heightFactor;

    /// <summary>The largest horizontal shift, as a fraction of the width.</summary>
    public double WidthFactor { get; } = widthFactor;

    /// <summary>How the part shifted in from outside the image is filled (Keras's default: reflect).</summary>
    public FillMode FillMode { get; set; } = FillMode.Reflect;

    /// <summary>How the image is read between pixels (Keras's default: bilinear).</summary>
    public Interpolation Interpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>The value <see cref="FillMode.Constant"/> fills with.</summary>
    public double FillValue { get; set; }
}
