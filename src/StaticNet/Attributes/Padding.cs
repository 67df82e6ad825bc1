namespace StaticNet;

/// <summary>How a convolution or pooling window treats the image's edges, as Keras's <c>padding</c>.</summary>
public enum Padding
{
    /// <summary>No padding: windows lie wholly inside the input, so the output is smaller (Keras's <c>"valid"</c>).</summary>
    Valid = 0,

    /// <summary>
    /// Zero padding so that the output has ⌈input / stride⌉ positions per axis (Keras's <c>"same"</c>). When the padding
    /// needed is odd, the extra row and column go at the bottom and right, as TensorFlow pads.
    /// </summary>
    Same = 1,
}
