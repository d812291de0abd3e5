namespace DeviceLab.Agent.Telemetry.Simulated;

/// <summary>
/// A small physical model of a phone's battery and SoC for virtual devices, which have no battery: the
/// battery drains with load (idle + load-proportional current), its voltage sags with charge and current
/// (open-circuit voltage minus I·R), and the SoC and battery heat with the power drawn and cool toward ambient
/// (first-order thermal model, solved exactly between updates). Everything it produces is labelled simulated.
/// </summary>
public sealed class SimulatedPowerModel
{
    public const double CapacityMah = 4000;
    public const double IdleCurrentMa = 150;
    public const double FullLoadCurrentMa = 1800;
    public const double InternalResistanceOhm = 0.1;
    public const double AmbientC = 25;

    // (°C per W, time constant s): the SoC heats quickly, the battery slowly.
    private const double SocThermalResistance = 5, SocTimeConstantS = 20;
    private const double BatteryThermalResistance = 3, BatteryTimeConstantS = 200;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _lastTimestamp;
    private double _load;

    public SimulatedPowerModel(TimeProvider time, double startLevelPercent = 80, double startTemperatureC = AmbientC)
    {
        _time = time;
        _lastTimestamp = time.GetTimestamp();
        ChargeMah = CapacityMah * startLevelPercent / 100;
        SocTemperatureC = BatteryTemperatureC = startTemperatureC;
    }

    public double ChargeMah { get; private set; }
    public double SocTemperatureC { get; private set; }
    public double BatteryTemperatureC { get; private set; }
    public double LevelPercent => 100 * ChargeMah / CapacityMah;
    public double CurrentMa => IdleCurrentMa + _load * FullLoadCurrentMa;
    public double VoltageMv => 1000 * (OpenCircuitVolts(ChargeMah / CapacityMah) - CurrentMa / 1000 * InternalResistanceOhm);

    /// <summary>Sets the CPU load (0..1) from now on; the time before is integrated at the previous load.</summary>
    public void SetLoad(double load)
    {
        lock (_gate)
        {
            AdvanceLocked();
            _load = Math.Clamp(load, 0, 1);
        }
    }

    /// <summary>Brings the state up to the current time.</summary>
    public void Advance()
    {
        lock (_gate) AdvanceLocked();
    }

    private void AdvanceLocked()
    {
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        _lastTimestamp = now;
        if (seconds <= 0) return;
        var currentMa = CurrentMa;
        var powerW = VoltageMv / 1000 * currentMa / 1000;
        ChargeMah = Math.Max(0, ChargeMah - currentMa * seconds / 3600);
        SocTemperatureC = Relax(SocTemperatureC, AmbientC + powerW * SocThermalResistance, seconds, SocTimeConstantS);
        BatteryTemperatureC = Relax(BatteryTemperatureC, AmbientC + powerW * BatteryThermalResistance, seconds, BatteryTimeConstantS);
    }

    // Exact solution of dT/dt = (T_eq − T)/τ over the step, so long steps stay stable.
    private static double Relax(double value, double equilibrium, double seconds, double timeConstant) =>
        equilibrium + (value - equilibrium) * Math.Exp(-seconds / timeConstant);

    // A lithium-ion-like curve: 3.4 V empty to 4.3 V full.
    private static double OpenCircuitVolts(double stateOfCharge) => 3.4 + 0.9 * stateOfCharge;
}
