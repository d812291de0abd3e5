namespace DeviceLab.Server.Runs.Execution.Device;

/// <summary>A file could not be put on the device for a reason other than the device going away (refused, wrong bytes).</summary>
public sealed class PushFailedException(string message, Exception? inner = null) : Exception(message, inner);
