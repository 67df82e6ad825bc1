namespace StaticNet.Generator.Model;

/// <summary>
/// What a layer does with the padding mask of an embedding declared with <c>MaskZero</c> (Keras's mask propagation):
/// the network's rules follow the mask from the embedding to the layers that consume it, and refuse it anywhere else.
/// </summary>
internal enum MaskUse
{
    /// <summary>It cannot apply a mask: one reaching it is refused (SNET0049).</summary>
    Refuses,

    /// <summary>It keeps the steps and passes the mask on unchanged (Dense on each step, Dropout, a recurrent layer that returns sequences).</summary>
    PassesOn,

    /// <summary>It applies the mask and its output has no steps left to mask (a recurrent layer's last state, pooling over the steps).</summary>
    Consumes,

    /// <summary>It makes the mask (an embedding with <c>MaskZero</c>).</summary>
    Produces,
}
