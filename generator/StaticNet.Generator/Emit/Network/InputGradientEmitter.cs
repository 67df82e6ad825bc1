using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary>
/// <c>InputGradient</c>: the gradient of one output with respect to the input, for one sample in inference mode
/// (input-gradient saliency, what Keras users compute with <c>GradientTape</c>). It is the inference pass of
/// <c>ComputeLoss</c> with one sample, then a backward pass from a one-hot output gradient that asks each layer for its
/// input gradient only (no parameter gradients), into the training step's workspace buffers. With <c>ofLogit</c> the
/// one-hot gradient starts at the logits, before the output activation (the class score a saliency map is usually of:
/// a confident softmax output's own gradient is close to 0 everywhere).
/// </summary>
internal static class InputGradientEmitter
{
    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        string arguments = Guards.InstanceArguments(plan);
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Input-gradient saliency: the gradient of output <paramref name=\"output\"/> (after the output activation, or before it");
        w.WriteLine("/// with <paramref name=\"ofLogit\"/>) with respect to each input feature, for one sample in inference mode, with this");
        w.WriteLine("/// instance's parameters, in this thread's workspace.");
        w.WriteLine("/// </summary>");
        w.WriteLine(Docs.Input);
        w.WriteLine("/// <param name=\"output\">Which output, 0 to <see cref=\"OutputSize\"/> − 1 (for a classifier, the class).</param>");
        w.WriteLine("/// <param name=\"inputGradient\">Receives <see cref=\"InputSize\"/> partial derivatives.</param>");
        w.WriteLine("/// <param name=\"ofLogit\">The gradient of the logit (the output before the output activation).</param>");
        w.WriteLine($"public void InputGradient({ReadOnlySpan} input, int output, {Span} inputGradient, bool ofLogit = false) =>");
        w.WriteLine($"    InputGradient({arguments}, input, output, inputGradient, ThreadWorkspace(1), ofLogit);");
        w.WriteLine();

        w.WriteLine("/// <summary>As the instance overload, with the given parameters, in <paramref name=\"workspace\"/>. Allocates nothing.</summary>");
        Docs.Parameters(w, plan);

        w.WriteLine(Docs.Input);
        w.WriteLine("/// <param name=\"output\">Which output, 0 to <see cref=\"OutputSize\"/> − 1.</param>");
        w.WriteLine("/// <param name=\"inputGradient\">Receives <see cref=\"InputSize\"/> partial derivatives.</param>");
        w.WriteLine("/// <param name=\"workspace\">Scratch, from <see cref=\"CreateWorkspace\"/>.</param>");
        w.WriteLine("/// <param name=\"ofLogit\">The gradient of the logit (the output before the output activation).</param>");
        using (w.Open($"public static void InputGradient({Guards.ParameterList(plan, writableState: false)}, {ReadOnlySpan} input, int output, {Span} inputGradient, {TrainingWorkspace} workspace, bool ofLogit = false)"))
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(workspace);");
            Guards.Parameters(w, plan);
            Guards.Length(w, plan, "input", "InputSize");
            Guards.Length(w, plan, "inputGradient", "InputSize");
            w.WriteLine("if ((uint)output >= (uint)OutputSize) throw new global::System.ArgumentOutOfRangeException(nameof(output), output, \"The output index must be in 0..OutputSize − 1.\");");

            Dataflow flow = Dataflow.Inference(plan, "x", "logits");
            var locals = new List<string>();
            foreach (int i in flow.Running)
            {
                locals.Add(flow.Output(i));
                locals.Add(flow.OutputGradient(i));
            }

            w.WriteLine("const int tile = 1;");
            locals.AddRange(TrainingEmitter.InferenceScratch(plan, flow));
            TrainingEmitter.WriteWorkspaceLocals(w, plan, locals.ToArray());

            w.WriteLine($"{ReadOnlySpan} x = input;");
            w.WriteLine();
            w.WriteLine("// The inference pass, keeping every layer's output");
            foreach (int i in flow.Running)
            {
                LayerKinds.EmitterFor(plan.Layers[i].Layer).WriteInferenceBatch(w, plan.Layers[i], flow.Site(i, "1"));
            }

            w.WriteLine();
            w.WriteLine("// d(prediction[output]) / d(logits), or d(logits[output]) / d(logits): one-hot, carried back through the output activation or not");
            w.WriteLine($"global::StaticNet.Generated.Activations.SeedOutputGradient({ActivationEnum}.{plan.OutputActivation}, logits.Slice(0, OutputSize), logitsGradient.Slice(0, OutputSize), output, ofLogit, {Literals.Float(plan.OutputNegativeSlope)});");
            w.WriteLine();
            w.WriteLine("// Backward, input gradients only");
            IReadOnlyList<int> running = flow.Running;
            for (int k = running.Count - 1; k >= 0; k--)
            {
                int i = running[k];
                var site = new LayerSite(flow.Input(i), flow.Output(i), "1")
                {
                    Layer = plan.Layers[i].Layer,
                    OutputGradient = flow.OutputGradient(i),
                    InputGradient = k == 0 ? "inputGradient" : flow.OutputGradient(running[k - 1]),
                    Tokens = flow.NetworkInput,
                };
                LayerKinds.EmitterFor(plan.Layers[i].Layer).WriteInputGradient(w, plan.Layers[i], site, throughActivation: !plan.Layers[i].DefersActivation);
            }
        }

        w.WriteLine();
    }
}
