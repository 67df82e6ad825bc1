using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary>
/// The streaming <c>Step</c> and its <c>StreamState</c>, for a network whose plan says it streams
/// (<see cref="StreamingPlan"/>): one time step at a time, each recurrent layer's state carried in a struct sized at
/// compile time that lives where the caller puts it (a local, a field, an array of them for many streams).
/// </summary>
internal static class StreamingEmitter
{
    private const string Overlaps = "global::System.MemoryExtensions.Overlaps";

    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        if (plan.Streaming is not { } streaming)
        {
            return;
        }

        w.WriteLine("/// <summary>");
        w.WriteLine($"/// The recurrent layers' state between calls of <see cref=\"Step(global::System.ReadOnlySpan{{float}}, global::System.Span{{float}}, ref StreamState)\"/>:");
        w.WriteLine($"/// {Literals.Count(streaming.StateSize)} floats, held in the struct itself (no allocation), zero at the start of a sequence. One per stream;");
        w.WriteLine("/// copying it forks the stream.");
        w.WriteLine("/// </summary>");
        using (w.Open("public struct StreamState"))
        {
            w.WriteLine("private Values _values;");
            w.WriteLine();
            w.WriteLine("/// <summary>Back to the start of a sequence: every state zero.</summary>");
            w.WriteLine($"public void Reset() => (({Span})_values).Clear();");
            w.WriteLine();
            w.WriteLine("/// <summary>The state's floats, each stateful layer's after the one before.</summary>");
            w.WriteLine("[global::System.Diagnostics.CodeAnalysis.UnscopedRef]");
            w.WriteLine($"public {Span} Floats => _values;");
            w.WriteLine();
            w.WriteLine($"[global::System.Runtime.CompilerServices.InlineArray({streaming.StateSize})]");
            using (w.Open("private struct Values"))
            {
                w.WriteLine("private float _element0;");
            }
        }

        w.WriteLine();
        string stepInput = streaming.StepInput == 1 ? "one token id" : $"one step's {streaming.StepInput} features";
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Runs one time step through the network, carrying the recurrent state in <paramref name=\"state\"/>: after t steps the");
        w.WriteLine("/// output is what <c>Forward</c> gives for a sequence of those t steps. Allocation-free, and thread-safe per state.");
        w.WriteLine("/// </summary>");
        w.WriteLine($"/// <param name=\"input\">The step's input: {stepInput}.</param>");
        w.WriteLine("/// <param name=\"output\">Receives <see cref=\"OutputSize\"/> outputs.</param>");
        w.WriteLine("/// <param name=\"state\">The stream's state, updated in place.</param>");
        w.WriteLine($"public void Step({ReadOnlySpan} input, {Span} output, ref StreamState state) => Step(_parameters.Span, input, output, ref state);");
        w.WriteLine();
        w.WriteLine("/// <summary>One time step with the given parameters (see the instance overload).</summary>");
        w.WriteLine("/// <param name=\"parameters\">The trainable parameters.</param>");
        w.WriteLine($"/// <param name=\"input\">The step's input: {stepInput}.</param>");
        w.WriteLine("/// <param name=\"output\">Receives <see cref=\"OutputSize\"/> outputs.</param>");
        w.WriteLine("/// <param name=\"state\">The stream's state, updated in place.</param>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"public static void Step({ReadOnlySpan} parameters, {ReadOnlySpan} input, {Span} output, ref StreamState state)"))
        {
            Guards.Length(w, plan, "parameters", "ParameterCount");
            w.WriteLine($"if (input.Length != {streaming.StepInput}) {ShapeGuard}.ThrowLength(nameof(input), {streaming.StepInput}, input.Length, \"one step of {plan.Network.Name}'s input\");");
            Guards.Length(w, plan, "output", "OutputSize");
            w.WriteLine($"{Span} state0 = state.Floats;");
            string current = "input";
            int last = -1;
            for (int i = 0; i < plan.Layers.Count; i++)
            {
                last = plan.Layers[i].IdentityInInference ? last : i;
            }

            for (int i = 0; i < plan.Layers.Count; i++)
            {
                LayerPlan layer = plan.Layers[i];
                if (layer.IdentityInInference)
                {
                    continue;
                }

                int size = i < streaming.LastStateful ? layer.Layer.Output.Channels : layer.Layer.Output.Size;
                string local = layer.Layer.Local + "Step";
                if (i == last)
                {
                    // Straight into the output (a copy saved), unless the output shares memory with what the layer still
                    // reads: the input (the first layer's values, the tokens a mask reads) or the state.
                    w.WriteLine($"scoped {Span} {local} = output;");
                    using (w.Open($"if ({Overlaps}(output, input) || {Overlaps}(output, state0))"))
                    {
                        w.WriteLine($"{local} = stackalloc float[{size}];");
                    }
                }
                else
                {
                    w.WriteLine($"{Span} {local} = stackalloc float[{size}];");
                }

                int offset = streaming.StateOffsets[i];
                string? state = offset >= 0 ? $"state0.Slice({offset}, {layer.Layer.StreamingState})" : null;
                var site = new LayerSite(current, local, "1") { Layer = layer.Layer, Tokens = "input" };
                ((IStreamingEmitter)LayerKinds.EmitterFor(layer.Layer)).WriteStep(w, layer, site, state);
                current = local;
            }

            using (w.Open($"if ({current} != output)"))
            {
                w.WriteLine($"{current}.CopyTo(output);");
            }

            if (ActivationCode.InPlace(plan.OutputActivation, plan.OutputNegativeSlope, "output") is { } activation)
            {
                w.WriteLine(activation);
            }
        }

        w.WriteLine();
    }
}
