namespace StaticNet;

/// <summary>How a <c>[RandomTranslation]</c> layer reads an image between pixels, as Keras's <c>interpolation</c>.</summary>
public enum Interpolation
{
    /// <summary>Weighted by distance from the four nearest pixels (Keras's default, <c>"bilinear"</c>).</summary>
    Bilinear = 0,

    /// <summary>The nearest pixel, halves rounded away from zero (<c>"nearest"</c>).</summary>
    Nearest = 1,
}
