using System.Text.RegularExpressions;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Callbacks;

/// <summary>Keras's verbose modes, captured: the live bar (with a fake clock) and the one-line-per-epoch log.</summary>
public class ProgressTests
{
    /// <summary>A clock that moves 30 ms every time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => _ticks += 30;
    }

    private static Dataset Data => TestData.ScaledIris();

    [Fact]
    public void Verbose_zero_writes_nothing_and_two_writes_one_line_per_epoch()
    {
        var silent = new StringWriter();
        new IrisNet(1).Fit(Data, epochs: 2, log: silent, verbose: 0);
        Assert.Empty(silent.ToString());

        var lines = new StringWriter();
        History history = new IrisNet(1).Fit(Data, epochs: 2, log: lines, verbose: 2, validationSplit: 0.2, metrics: [new Recall(Average.Macro)]);
        Assert.Equal(history.Select(r => r.ToString() + Environment.NewLine), lines.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => l + Environment.NewLine));
        Assert.Matches(@"^Epoch 2/2 - loss: \d\.\d{4} - accuracy: \d\.\d{4} - recall: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_recall: \d\.\d{4}$", history[1].ToString());
    }

    [Fact]
    public void Verbose_one_on_a_writer_that_is_not_a_terminal_writes_lines_not_a_bar()
    {
        var log = new StringWriter();
        new IrisNet(1).Fit(Data, epochs: 2, log: log, verbose: 1);
        Assert.DoesNotContain('\r', log.ToString());
        Assert.Equal(2, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.False(ProgbarLogger.IsInteractiveConsole(log));
    }

    [Fact]
    public void The_live_bar_redraws_in_place_with_batches_times_and_running_values_and_ends_with_the_epochs_line()
    {
        var log = new StringWriter();
        var bar = new ProgbarLogger(log, interactive: true, time: new SteppingClock());
        History history = new IrisNet(1).Fit(Data, epochs: 2, batchSize: 16, validationSplit: 0.2, callbacks: [bar]);
        string text = log.ToString();

        string[] epochs = text.Split("Epoch ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, epochs.Length);
        Assert.StartsWith("1/2" + Environment.NewLine, epochs[0], StringComparison.Ordinal);
        string[] drawings = epochs[0].Split('\r')[1..];

        // 120 training samples in batches of 16: 8 batches. The clock moves 30 ms a read, the bar redraws at most every
        // 50 ms: batch 1, 3, 5, 7, and the final line.
        Assert.Equal(5, drawings.Length);
        Assert.Matches(@"^1/8 \[==>\.{27}\] - 0\.0s elapsed - ETA 0\.\ds - loss: \d\.\d{4} - accuracy: \d\.\d{4}\s*$", drawings[0]);
        Assert.Matches(@"^7/8 \[=+>\.+\] - 0\.\ds elapsed - ETA 0\.\ds - loss: \d\.\d{4} - accuracy: \d\.\d{4}\s*$", drawings[3]);
        string final = drawings[4].TrimEnd('\r', '\n', ' ');
        Assert.Matches(@"^8/8 \[={30}\] - 0\.\ds - \d+ms/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$", final);
        Assert.EndsWith(EpochResult.FormatLogs(history[0].Logs), final, StringComparison.Ordinal);

        // Each drawing is padded to cover the longer one before it.
        for (int i = 1; i < drawings.Length; i++)
        {
            Assert.True(drawings[i].TrimEnd('\r', '\n').Length >= drawings[i - 1].TrimEnd('\r', '\n').Length);
        }
    }

    [Fact]
    public void A_stream_of_unknown_length_counts_its_batches_in_the_first_epoch_and_draws_the_bar_after()
    {
        // Keras's "n/Unknown" while a generator's length is unknown; the first epoch's end tells it: 150 samples, 10 batches.
        IEnumerable<Dataset> Batches()
        {
            for (int start = 0; start < Data.Count; start += 16)
            {
                yield return Data.Select(Enumerable.Range(start, Math.Min(16, Data.Count - start)).ToArray());
            }
        }

        var log = new StringWriter();
        var bar = new ProgbarLogger(log, interactive: true, time: new SteppingClock());
        new IrisNet(1).Fit(Batches(), epochs: 2, callbacks: [bar]);
        string[] epochs = log.ToString().Split("Epoch ", StringSplitOptions.RemoveEmptyEntries);
        string[] first = epochs[0].Split('\r')[1..], second = epochs[1].Split('\r')[1..];
        Assert.Matches(@"^1/Unknown - 0\.0s elapsed - loss: \d\.\d{4} - accuracy: \d\.\d{4}\s*$", first[0]);
        Assert.DoesNotContain("ETA", first[0], StringComparison.Ordinal);
        Assert.Matches(@"^10/10 \[={30}\] - 0\.\ds - \d+ms/step - loss: ", first[^1]);
        Assert.Matches(@"^ 1/10 \[==>\.{27}\] - 0\.0s elapsed - ETA ", second[0]);
    }

    [Fact]
    public void Callback_messages_start_on_a_new_line_after_a_live_bar()
    {
        var log = new StringWriter();
        var bar = new ProgbarLogger(log, interactive: true, time: new SteppingClock());
        var reduce = new ReduceLROnPlateau(monitor: "loss", patience: 0, minDelta: 100, verbose: true);
        new IrisNet(1).Fit(Data, epochs: 2, batchSize: 16, log: log, verbose: 1, callbacks: [reduce, bar]);

        // The bar is mid-line (batch 9 of 10 drawn) when the callback speaks at the end of epoch 2: its message starts a
        // new line, and the bar's final line follows on its own. The ProgbarLogger given replaces Fit's own.
        string text = log.ToString();
        Assert.Matches(new Regex(@"accuracy: \d\.\d{4}" + Regex.Escape(Environment.NewLine) + @"Epoch 2: ReduceLROnPlateau reducing learning rate to 0\.0001\." + Regex.Escape(Environment.NewLine) + "\r10/10 "), text);
        Assert.Equal(2, Regex.Count(text, "^Epoch \\d/2", RegexOptions.Multiline));
    }

    [Fact]
    public void On_an_80_column_terminal_every_live_line_fits_one_row()
    {
        // The live line with elapsed and remaining time, loss and accuracy is 96 characters: on 80 columns each redraw
        // wrapped, leaving a copy of itself. Now the parts that would reach the last column are left out.
        var log = new StringWriter();
        var bar = new ProgbarLogger(log, interactive: true, time: new SteppingClock(), width: 80);
        new IrisNet(1).Fit(Data, epochs: 2, batchSize: 16, validationSplit: 0.2, callbacks: [bar]);
        string[] live = log.ToString().Split('\r').Where(d => !d.Contains("ms/step", StringComparison.Ordinal) && d.Contains('[', StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(live);
        Assert.All(live, d => Assert.True(d.TrimEnd('\r', '\n').Length < 80, $"{d.Length}: {d}"));
        Assert.All(live, d => Assert.Contains(" - loss: ", d, StringComparison.Ordinal));
        Assert.Equal(80, bar.Width);
        Assert.Null(new ProgbarLogger(log, interactive: true).Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProgbarLogger(log, width: 20));
    }
}
