namespace StaticNet;

/// <summary>
/// How a <c>[RandomTranslation]</c> layer fills the part of an image shifted in from outside it, as Keras's
/// <c>fill_mode</c> (TensorFlow's rule: a position outside the image is mapped inside before interpolating).
/// </summary>
public enum FillMode
{
    /// <summary>Reflected about the edge, the edge pixel repeated: d c b a | a b c d | d c b a (Keras's default, <c>"reflect"</c>).</summary>
    Reflect = 0,

    /// <summary>Wrapped around to the opposite edge: a b c d | a b c d | a b c d (<c>"wrap"</c>).</summary>
    Wrap = 1,

    /// <summary>A constant, <c>FillValue</c> (0 unless set): k k k k | a b c d | k k k k (<c>"constant"</c>).</summary>
    Constant = 2,

    /// <summary>The nearest edge pixel: a a a a | a b c d | d d d d (<c>"nearest"</c>).</summary>
    Nearest = 3,
}
