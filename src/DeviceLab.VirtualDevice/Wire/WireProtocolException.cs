namespace DeviceLab.VirtualDevice.Wire;

/// <summary>The host sent something the wire protocol does not allow; the connection is dropped.</summary>
internal sealed class WireProtocolException(string message) : Exception(message);
