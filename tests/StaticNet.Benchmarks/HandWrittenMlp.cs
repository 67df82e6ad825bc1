namespace StaticNet.Benchmarks;

/// <summary>
/// The baseline: the MLP a C# developer writes by hand with arrays and loops: kernels as inputs × units arrays, ReLU
/// hidden layers, a softmax (with cross-entropy) or linear (with squared error) output, per-sample backpropagation, and
/// Adam with Keras's defaults. Straightforward and correct, with no tricks either way.
/// </summary>
public sealed class HandWrittenMlp
{
    private readonly int[] _sizes;
    private readonly bool _softmax;
    private readonly float[][] _w, _b, _gw, _gb, _mw, _vw, _mb, _vb, _a, _d;
    private int _t;

    public HandWrittenMlp(int[] sizes, bool softmax, int seed)
    {
        _sizes = sizes;
        _softmax = softmax;
        int layers = sizes.Length - 1;
        var random = new Random(seed);
        _w = new float[layers][];
        _b = new float[layers][];
        _gw = new float[layers][];
        _gb = new float[layers][];
        _mw = new float[layers][];
        _vw = new float[layers][];
        _mb = new float[layers][];
        _vb = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            int n = sizes[l], u = sizes[l + 1];
            float limit = MathF.Sqrt(6f / (n + u));
            _w[l] = Enumerable.Range(0, n * u).Select(_ => (float)(random.NextDouble() * 2 - 1) * limit).ToArray();
            _b[l] = new float[u];
            _gw[l] = new float[n * u];
            _gb[l] = new float[u];
            _mw[l] = new float[n * u];
            _vw[l] = new float[n * u];
            _mb[l] = new float[u];
            _vb[l] = new float[u];
        }

        _a = sizes.Select(s => new float[s]).ToArray();
        _d = sizes.Select(s => new float[s]).ToArray();
    }

    public int InputSize => _sizes[0];

    public int OutputSize => _sizes[^1];

    public float[] Forward(float[] input)
    {
        Array.Copy(input, _a[0], input.Length);
        int layers = _sizes.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            int n = _sizes[l], u = _sizes[l + 1];
            float[] x = _a[l], y = _a[l + 1], w = _w[l], b = _b[l];
            for (int j = 0; j < u; j++)
            {
                float s = b[j];
                for (int i = 0; i < n; i++)
                {
                    s += x[i] * w[i * u + j];
                }

                y[j] = l < layers - 1 ? (s > 0 ? s : 0) : s;
            }
        }

        float[] output = _a[layers];
        if (_softmax)
        {
            float max = output.Max();
            float sum = 0;
            for (int j = 0; j < output.Length; j++)
            {
                output[j] = MathF.Exp(output[j] - max);
                sum += output[j];
            }

            for (int j = 0; j < output.Length; j++)
            {
                output[j] /= sum;
            }
        }

        return output;
    }

    /// <summary>Forward and backward for one sample; adds the gradient into the accumulators; returns the loss.</summary>
    public float TrainStep(float[] input, float target)
    {
        float[] output = Forward(input);
        int layers = _sizes.Length - 1;
        float[] d = _d[layers];
        float loss;
        if (_softmax)
        {
            int label = (int)target;
            loss = -MathF.Log(MathF.Max(output[label], 1e-12f));
            for (int j = 0; j < output.Length; j++)
            {
                d[j] = output[j] - (j == label ? 1 : 0);
            }
        }
        else
        {
            float e = output[0] - target;
            loss = e * e;
            d[0] = 2 * e;
        }

        for (int l = layers - 1; l >= 0; l--)
        {
            int n = _sizes[l], u = _sizes[l + 1];
            float[] x = _a[l], dz = _d[l + 1], w = _w[l], gw = _gw[l], gb = _gb[l], dx = _d[l];
            for (int j = 0; j < u; j++)
            {
                gb[j] += dz[j];
            }

            for (int i = 0; i < n; i++)
            {
                float s = 0;
                for (int j = 0; j < u; j++)
                {
                    gw[i * u + j] += x[i] * dz[j];
                    s += w[i * u + j] * dz[j];
                }

                dx[i] = l > 0 && x[i] > 0 ? s : 0; // through the previous layer's ReLU
            }
        }

        return loss;
    }

    /// <summary>One mini-batch: per-sample steps, mean gradient, one Adam step (Keras's form). Returns the summed loss.</summary>
    public float TrainBatch(float[][] inputs, float[] targets, int start, int count, float learningRate)
    {
        float loss = 0;
        for (int k = start; k < start + count; k++)
        {
            loss += TrainStep(inputs[k], targets[k]);
        }

        _t++;
        float step = learningRate * MathF.Sqrt(1 - MathF.Pow(0.999f, _t)) / (1 - MathF.Pow(0.9f, _t));
        for (int l = 0; l < _w.Length; l++)
        {
            Adam(_w[l], _gw[l], _mw[l], _vw[l], step, 1f / count);
            Adam(_b[l], _gb[l], _mb[l], _vb[l], step, 1f / count);
        }

        return loss;
    }

    private static void Adam(float[] p, float[] g, float[] m, float[] v, float step, float scale)
    {
        for (int i = 0; i < p.Length; i++)
        {
            float gi = g[i] * scale;
            m[i] = 0.9f * m[i] + 0.1f * gi;
            v[i] = 0.999f * v[i] + 0.001f * gi * gi;
            p[i] -= step * m[i] / (MathF.Sqrt(v[i]) + 1e-7f);
            g[i] = 0;
        }
    }
}
