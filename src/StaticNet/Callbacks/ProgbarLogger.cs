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
    /// <param name="width">
    /// The terminal's columns, which a live line must not reach (a line that wraps leaves a copy of itself at every
    /// redraw); by default the console window's width when drawing on the console, else no limit.
    /// </param>
    public ProgbarLogger(TextWriter writer, bool? interactive = null, TimeProvider? time = null, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (width is < MinWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"A terminal narrower than {MinWidth} columns cannot show the bar.");
        }

        _writer = writer;
        _time = time ?? TimeProvider.System;
        Interactive = interactive ?? IsInteractiveConsole(writer);
        Width = width ?? (Interactive && ReferenceEquals(writer, Console.Out) ? ConsoleWidth() : null);
    }

    /// <summary>Whether the bar is drawn live.</summary>
    public bool Interactive { get; }

    /// <summary>The columns a live line stays within, or null for no limit.</summary>
    public int? Width { get; }

    /// <summary>The narrowest terminal: the bar, its counts and a little more.</summary>
    private const int MinWidth = 50;

    private static int ConsoleWidth()
    {
        try
        {
            int columns = Console.WindowWidth;
            return columns >= MinWidth ? columns : 80;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 80;
        }
    }

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
        var line = new StringBuilder();
        bool known = result.Batches > 0; // a stream of batches of unknown length, in its first epoch: no bar, no ETA (Keras's "Unknown")
        if (known)
        {
            Bar(line, result.Batch, result.Batches);
        }
        else
        {
            line.Append(CultureInfo.InvariantCulture, $"{result.Batch}/Unknown");
        }

        // What fits the terminal, in this order: a part that would reach the last column is left out with all after it.
        string?[] parts =
        [
            string.Create(CultureInfo.InvariantCulture, $" - {Seconds(elapsed)} elapsed"),
            known ? string.Create(CultureInfo.InvariantCulture, $" - ETA {Seconds(elapsed * ((double)(result.Batches - result.Batch) / result.Batch))}") : string.Empty,
            string.Create(CultureInfo.InvariantCulture, $" - loss: {result.Loss:F4}"),
            result.Accuracy is double accuracy ? string.Create(CultureInfo.InvariantCulture, $" - accuracy: {accuracy:F4}") : null,
        ];
        foreach (string? part in parts)
        {
            if (part is null || (Width is int width && line.Length + part.Length >= width))
            {
                break;
            }

            line.Append(part);
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

        // A line that wrapped is not redrawn in place: only the length of what fits one row is covered next time.
        _lastLength = Width is int width ? Math.Min(line.Length, width - 1) : line.Length;
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
