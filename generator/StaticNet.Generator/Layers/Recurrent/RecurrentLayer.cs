using System.Linq;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.Recurrent;

/// <summary>
/// A recurrent layer over a sequence: SimpleRNN, GRU or LSTM (<see cref="LayerModel.Type"/>), with Keras's kernels,
/// gate orders and defaults.
/// </summary>
/// <param name="Type"><c>SimpleRNN</c>, <c>GRU</c> or <c>LSTM</c>.</param>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>gru_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>Gru1</c>.</param>
/// <param name="Input">Steps × features.</param>
/// <param name="Output">Steps × units with <paramref name="ReturnSequences"/>, else units.</param>
/// <param name="Parameters">kernel, recurrent_kernel, bias.</param>
/// <param name="Activation">The state's or candidate's activation.</param>
/// <param name="RecurrentActivation">The gates' activation.</param>
/// <param name="ReturnSequences">Every step's state is the output.</param>
/// <param name="ResetAfter">A GRU's reset gate after the recurrent product.</param>
/// <param name="Bidirectional">A second direction reads the steps last to first; outputs are both directions' units.</param>
/// <param name="Masked">An embedding's padding mask reaches it: steps whose token id is 0 are skipped, the states carried.</param>
internal sealed record RecurrentLayer(
    string Type,
    int Index,
    string Name,
    string Prefix,
    TensorShape Input,
    TensorShape Output,
    EquatableArray<ParameterTensor> Parameters,
    Activation Activation,
    Activation RecurrentActivation,
    bool ReturnSequences,
    bool ResetAfter,
    bool Bidirectional,
    bool Masked)
    : LayerModel(Type, Index, Name, Prefix, Input, Output, Parameters)
{
    public int Steps => Input.Dimensions[0];

    public int Features => Input.Channels;

    /// <summary>One direction's units (the output has twice as many when bidirectional).</summary>
    public int Units => Output.Channels / (Bidirectional ? 2 : 1);

    /// <summary>Values kept per step for backpropagation through time (the runtime's <c>RecurrentGeometry.RecordSize</c>).</summary>
    public int RecordSize => Units * Type switch { "GRU" => 5, "LSTM" => 6, _ => 1 };

    /// <summary>A streaming step carries the last step's record (its states, and the gates beside them).</summary>
    public override int StreamingState => Bidirectional ? -1 : RecordSize; // the backward direction needs the sequence's end

    /// <summary>Every step's record, per sample, between the forward and the backward pass.</summary>
    public override EquatableArray<ScratchBuffer> TrainingScratch => new(new[]
    {
        new ScratchBuffer("Records", Steps * RecordSize, PerSample: true),
    }.Concat(Bidirectional ? new[] { new ScratchBuffer("BackwardRecords", Steps * RecordSize, PerSample: true) } : System.Array.Empty<ScratchBuffer>()).ToArray());
}
