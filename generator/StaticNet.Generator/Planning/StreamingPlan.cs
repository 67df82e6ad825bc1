using System.Linq;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// Whether the network gets a streaming <c>Step</c> (one time step at a time, with its recurrent state between calls, as
/// RTNeural's users run audio and sensor models) and how its state is laid out. A network streams when every layer can
/// (<see cref="LayerModel.StreamingState"/>), at least one carries state, the layers up to the last stateful one work
/// on sequences (a step at a time) and the last stateful one and those after it give flat vectors (its last state, then
/// Dense layers on it): then <c>Step</c>'s output after t steps is <c>Forward</c>'s on those t steps.
/// </summary>
/// <param name="StateSize">Floats of state: every stateful layer's, one after another.</param>
/// <param name="StateOffsets">Each layer's offset in the state, or −1 for a layer that keeps none.</param>
/// <param name="LastStateful">The index of the last stateful layer: those before it run on one step's values, those after it on its state.</param>
/// <param name="StepInput">Floats of one step's input: a token id, or one step's features.</param>
internal sealed record StreamingPlan(int StateSize, EquatableArray<int> StateOffsets, int LastStateful, int StepInput)
{
    /// <summary>The network's streaming plan, or null when it cannot stream.</summary>
    public static StreamingPlan? For(NetworkModel network)
    {
        var layers = network.Layers;
        if (layers.Any(l => l.StreamingState < 0) || !layers.Any(l => l.StreamingState > 0) || network.Input.Rank > 2)
        {
            return null;
        }

        int last = layers.Select((l, i) => (l, i)).Last(p => p.l.StreamingState > 0).i;
        bool sequenceUpToLast = layers.Take(last).All(l => l.Output.Rank == 2);
        bool flatFromLast = layers.Skip(last).All(l => l.Output.Rank == 1);
        if (!sequenceUpToLast || !flatFromLast)
        {
            return null;
        }

        var offsets = new int[layers.Count];
        int size = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            offsets[i] = layers[i].StreamingState > 0 ? size : -1;
            size += layers[i].StreamingState;
        }

        return new StreamingPlan(size, new EquatableArray<int>(offsets), last, network.Input.Rank == 1 ? 1 : network.Input.Channels);
    }
}
