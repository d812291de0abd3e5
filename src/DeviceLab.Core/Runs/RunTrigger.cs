namespace DeviceLab.Core.Runs;

/// <summary>What created a run.</summary>
public enum RunTrigger
{
    /// <summary>A person, from the dashboard or the CLI.</summary>
    Manual,

    /// <summary>A suite's schedule (cron), usually nightly.</summary>
    Nightly,

    /// <summary>A program through the REST API (e.g. CI with an API key).</summary>
    Api,

    /// <summary>Results measured elsewhere and imported (e.g. llama.cpp's llama-bench output); the run only holds them.</summary>
    Import,
}
