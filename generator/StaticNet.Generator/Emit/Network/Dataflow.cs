using System.Collections.Generic;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit.Network;

/// <summary>
/// Which layers a pass runs and which locals connect them. A layer that is the identity in the pass's mode (dropout in
/// inference) is skipped, and the next layer reads what it would have read; the last layer that runs writes the pass's
/// result (<c>output</c> in <c>Forward</c>, <c>logits</c> in a step). Gradients flow the other way through the same
/// locals, suffixed <c>Gradient</c>.
/// </summary>
internal sealed class Dataflow
{
    private readonly NetworkPlan _plan;
    private readonly string[] _inputs;
    private readonly string[] _outputs;

    private Dataflow(NetworkPlan plan, bool training, string input, string result)
    {
        _plan = plan;
        Training = training;
        NetworkInput = input;
        _inputs = new string[plan.Layers.Count];
        _outputs = new string[plan.Layers.Count];
        var running = new List<int>();
        int last = NetworkPlanner.LastEffective(plan.Layers, training);
        string current = input;
        for (int i = 0; i < plan.Layers.Count; i++)
        {
            LayerPlan layer = plan.Layers[i];
            if (training ? layer.IdentityInTraining : layer.IdentityInInference)
            {
                continue;
            }

            running.Add(i);
            _inputs[i] = current;
            _outputs[i] = i == last ? result : layer.Layer.Local;
            current = _outputs[i];
        }

        Running = running;
    }

    /// <summary>The local holding the network's input rows (the token ids a padding mask is read from).</summary>
    public string NetworkInput { get; }

    /// <summary>Whether this is a training step's flow.</summary>
    public bool Training { get; }

    /// <summary>The layers the pass runs, in order.</summary>
    public IReadOnlyList<int> Running { get; }

    /// <summary>A one-sample or tile inference pass from <paramref name="input"/> into <paramref name="result"/>.</summary>
    public static Dataflow Inference(NetworkPlan plan, string input, string result) => new(plan, training: false, input, result);

    /// <summary>A training step's tile, from <c>x</c> into <c>logits</c>.</summary>
    public static Dataflow Step(NetworkPlan plan) => new(plan, training: true, "x", "logits");

    public string Input(int layer) => _inputs[layer];

    public string Output(int layer) => _outputs[layer];

    /// <summary>The layers whose outputs are intermediate (every layer that runs but the last).</summary>
    public IEnumerable<int> Intermediates
    {
        get
        {
            for (int k = 0; k < Running.Count - 1; k++)
            {
                yield return Running[k];
            }
        }
    }

    /// <summary>The local holding dL/d(output) of a layer that runs backward.</summary>
    public string OutputGradient(int layer) => Output(layer) + "Gradient";

    /// <summary>The local dL/d(input) goes into, or null when no earlier layer needs it.</summary>
    public string? InputGradient(int layer)
    {
        if (!_plan.Layers[layer].NeedsInputGradient)
        {
            return null;
        }

        int position = IndexOf(layer);
        return OutputGradient(Running[position - 1]);
    }

    /// <summary>The site of a layer in this flow.</summary>
    public Layers.LayerSite Site(int layer, string count, bool backward = false) => new(Input(layer), Output(layer), count)
    {
        Layer = _plan.Layers[layer].Layer,
        OutputGradient = backward ? OutputGradient(layer) : null,
        InputGradient = backward ? InputGradient(layer) : null,
        Tokens = NetworkInput,
    };

    private int IndexOf(int layer)
    {
        for (int k = 0; k < Running.Count; k++)
        {
            if (Running[k] == layer)
            {
                return k;
            }
        }

        throw new System.InvalidOperationException($"Layer {layer} does not run in this pass.");
    }
}
