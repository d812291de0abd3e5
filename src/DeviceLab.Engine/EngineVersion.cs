namespace DeviceLab.Engine;

/// <summary>The engine's version, recorded in every result's context fingerprint.</summary>
public static class EngineVersion
{
    public const string Value = "0.1.0";
}
