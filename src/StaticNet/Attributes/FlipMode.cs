namespace StaticNet;

/// <summary>Which flips a <c>[RandomFlip]</c> layer may apply, as Keras's <c>mode</c>.</summary>
public enum FlipMode
{
    /// <summary>Left–right, each sample with probability ½ (Keras's <c>"horizontal"</c>).</summary>
    Horizontal = 0,

    /// <summary>Top–bottom, each sample with probability ½ (Keras's <c>"vertical"</c>).</summary>
    Vertical = 1,

    /// <summary>Each of the two, independently, with probability ½ (Keras's default, <c>"horizontal_and_vertical"</c>).</summary>
    HorizontalAndVertical = 2,
}
