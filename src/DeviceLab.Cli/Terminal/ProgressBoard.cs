using System.Globalization;
using Spectre.Console;

namespace DeviceLab.Cli.Terminal;

/// <summary>
/// A set of progress lines (one per upload, build or run job). On a terminal they are Spectre.Console progress bars;
/// elsewhere each line prints a plain line when its text changes and at every quarter of the way, so a CI log shows
/// what happened without hundreds of redraws.
/// </summary>
internal sealed class ProgressBoard
{
    private readonly ProgressContext? _live;
    private readonly TextWriter _plain;

    private ProgressBoard(ProgressContext? live, TextWriter plain)
    {
        _live = live;
        _plain = plain;
    }

    /// <summary>Runs <paramref name="body"/> with a board; <paramref name="bytes"/> shows sizes and speeds instead of counts.</summary>
    public static async Task<T> RunAsync<T>(CommandTerminal terminal, bool bytes, Func<ProgressBoard, Task<T>> body)
    {
        if (!terminal.IsInteractive) return await body(new ProgressBoard(null, terminal.Error));
        ProgressColumn[] columns = bytes
            ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn()];
        return await terminal.Progress.Progress().AutoClear(false).HideCompleted(false).Columns(columns)
            .StartAsync(context => body(new ProgressBoard(context, terminal.Error)));
    }

    /// <summary>A new line, <paramref name="max"/> units long (bytes, repetitions, …).</summary>
    public ProgressLine Add(string description, double max) =>
        new(_live?.AddTask(Markup.Escape(description), maxValue: Math.Max(max, 1)), _plain, description, max);
}

/// <summary>One line of a <see cref="ProgressBoard"/>. Safe to update from any thread.</summary>
internal sealed class ProgressLine(ProgressTask? live, TextWriter plain, string description, double max)
{
    private readonly Lock _gate = new();
    private string _description = description;
    private double _max = max;
    private int _quartersPrinted = -1;
    private bool _finished;

    public void Update(double value, string? description = null, double? max = null)
    {
        lock (_gate)
        {
            if (_finished) return;
            if (max is { } newMax && newMax > 0) _max = newMax;
            var changed = description is not null && description != _description;
            if (description is not null) _description = description;
            if (live is not null)
            {
                live.MaxValue = Math.Max(_max, 1);
                live.Value = Math.Min(value, live.MaxValue);
                if (changed) live.Description = Markup.Escape(_description);
                return;
            }
            var quarters = _max <= 0 ? 0 : (int)Math.Floor(Math.Clamp(value / _max, 0, 1) * 4);
            if (!changed && quarters <= _quartersPrinted) return;
            _quartersPrinted = Math.Max(_quartersPrinted, quarters);
            plain.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {_description}: {Math.Clamp(value / Math.Max(_max, 1), 0, 1):0%}"));
        }
    }

    /// <summary>Marks the line done with its final text (which should say how it ended: "Q8_0 ready", "failed: …").</summary>
    public void Finish(string? description = null)
    {
        lock (_gate)
        {
            if (_finished) return;
            _finished = true;
            if (description is not null) _description = description;
            if (live is not null)
            {
                live.Description = Markup.Escape(_description);
                live.Value = live.MaxValue;
                live.StopTask();
                return;
            }
            plain.WriteLine($"  {_description}");
        }
    }
}
