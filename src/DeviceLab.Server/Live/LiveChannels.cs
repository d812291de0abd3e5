namespace DeviceLab.Server.Live;

/// <summary>PostgreSQL NOTIFY channels every node LISTENs on (docs/decisions/0085).</summary>
internal static class LiveChannels
{
    /// <summary>Live events for the lab hub's clients.</summary>
    public const string Events = "devicelab_live";

    /// <summary>Instructions for whichever node runs a job (cancel).</summary>
    public const string Control = "devicelab_control";

    /// <summary>PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay clearly below.</summary>
    public const int MaxPayloadBytes = 7_600;
}
