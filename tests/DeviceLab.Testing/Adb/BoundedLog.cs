namespace DeviceLab.Testing.Adb;

/// <summary>The last lines a child process printed, kept for error messages.</summary>
internal sealed class BoundedLog(int maxLines = 40)
{
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > maxLines) _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_lines) return _lines.Count == 0 ? "(no output)" : string.Join('\n', _lines);
    }
}
