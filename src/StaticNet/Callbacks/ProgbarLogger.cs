using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StaticNet;

/// <summary>
/// Keras's progress output, which <c>Fit</c>'s <c>verbose</c> chooses: on an interactive terminal, a bar per epoch redrawn
/// in place (batches done, elapsed and remaining time, running loss and accuracy), ending in the epoch's full line;
/// elsewhere (a file, a pipe, a CI log) one line per epoch. No dependency: plain text and carriage returns.
/// </summary>
/// <example>
/// <code>
/// Epoch 3/100
/// 12/38 [======>.......................] - 0.1s elapsed - ETA 0.2s - loss: 0.4213 - accuracy: 0.8750
/// </code>
/// </example>
public sealed class ProgbarLogger : Callback
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(50);

    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private long _epochStart;
    private long _lastDraw;
    private int _lastLength;

    /// <summary>A progress logger writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="interactive">
    /// Whether to draw a live bar; by default, when <paramref name="writer"/> is the console's output and that is not
    /// redirected.
    /// </param>
    /// <param name="time">The clock (tests pass a fake one); the system's by default.</param>
    public ProgbarLogger(TextWriter writer, bool? interactive = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _time = time ?? TimeProvider.System;
        Interactive = interactive ?? IsInteractiveConsole(writer);
    }

    /// <summary>Whether the bar is drawn live.</summary>
    public bool Interactive { get; }

    /// <summary>Whether <paramref name="writer"/> is an interactive terminal: the console's output, not redirected.</summary>
    public static bool IsInteractiveConsole(TextWriter writer) => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch)
    {
        _epochStart = _time.GetTimestamp();
        _lastDraw = long.MinValue;
        _lastLength = 0;
        if (Interactive)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}/{Context.Epochs}"));
        }
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(BatchResult result)
    {
        if (!Interactive || result.Batch == result.Batches)
        {
            return; // the last batch's line is drawn by OnEpochEnd, with the validation values
        }

        long now = _time.GetTimestamp();
        if (_lastDraw != long.MinValue && _time.GetElapsedTime(_lastDraw, now) < RedrawInterval)
        {
            return;
        }

        _lastDraw = now;
        TimeSpan elapsed = _time.GetElapsedTime(_epochStart, now);
        TimeSpan remaining = elapsed * ((double)(result.Batches - result.Batch) / result.Batch);
        var line = new StringBuilder();
        Bar(line, result.Batch, result.Batches);
        line.Append(CultureInfo.InvariantCulture, $" - {Seconds(elapsed)} elapsed - ETA {Seconds(remaining)} - loss: {result.Loss:F4}");
        if (result.Accuracy is double accuracy)
        {
            line.Append(CultureInfo.InvariantCulture, $" - accuracy: {accuracy:F4}");
        }

        Draw(line.ToString());
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochResult result)
    {
        if (!Interactive)
        {
            _writer.WriteLine(result.ToString());
            return;
        }

        TimeSpan elapsed = _time.GetElapsedTime(_epochStart);
        var line = new StringBuilder();
        Bar(line, Context.BatchesPerEpoch, Context.BatchesPerEpoch);
        line.Append(CultureInfo.InvariantCulture, $" - {Seconds(elapsed)} - {PerStep(elapsed / Context.BatchesPerEpoch)} - ").Append(EpochResult.FormatLogs(result.Logs));
        Draw(line.ToString());
        _writer.WriteLine();
        _writer.Flush();
        Context.LineOpen = false;
    }

    private void Draw(string line)
    {
        // Overwrite the previous drawing: carriage return, the line, and spaces over whatever was longer before.
        _writer.Write('\r');
        _writer.Write(line);
        if (line.Length < _lastLength)
        {
            _writer.Write(new string(' ', _lastLength - line.Length));
        }

        _lastLength = line.Length;
        _writer.Flush();
        Context.LineOpen = true;
    }

    private static void Bar(StringBuilder line, int done, int total)
    {
        string count = total.ToString(CultureInfo.InvariantCulture);
        line.Append(done.ToString(CultureInfo.InvariantCulture).PadLeft(count.Length)).Append('/').Append(count).Append(" [");
        int filled = (int)((long)BarWidth * done / total);
        line.Append('=', Math.Max(filled - 1, 0));
        if (filled > 0)
        {
            line.Append(done == total ? '=' : '>');
        }

        line.Append('.', BarWidth - filled).Append(']');
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + "s";

    private static string PerStep(TimeSpan time) => time.TotalMilliseconds >= 1
        ? time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + "ms/step"
        : (time.TotalMilliseconds * 1000).ToString("0", CultureInfo.InvariantCulture) + "us/step";
}
