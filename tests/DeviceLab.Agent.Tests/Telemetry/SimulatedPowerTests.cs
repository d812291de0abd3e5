using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Telemetry.Simulated;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Telemetry;

public sealed class SimulatedPowerTests
{
    private readonly SteppingTimeProvider _time = new();

    [Fact]
    public void Load_drains_and_heats_idle_cools_toward_ambient()
    {
        var model = new SimulatedPowerModel(_time);
        var startCharge = model.ChargeMah;

        model.SetLoad(1);
        _time.Advance(TimeSpan.FromSeconds(60));
        model.Advance();
        var hotSoc = model.SocTemperatureC;
        var drained = startCharge - model.ChargeMah;

        Assert.InRange(drained, 1950 * 60 / 3600.0 * 0.99, 1950 * 60 / 3600.0 * 1.01);
        Assert.True(hotSoc > SimulatedPowerModel.AmbientC + 20, $"SoC at {hotSoc} °C after a minute of full load");
        Assert.True(model.BatteryTemperatureC > SimulatedPowerModel.AmbientC);

        model.SetLoad(0);
        _time.Advance(TimeSpan.FromSeconds(120));
        model.Advance();

        Assert.True(model.SocTemperatureC < hotSoc - 15, $"SoC cooled only to {model.SocTemperatureC} °C");
        Assert.True(model.SocTemperatureC > SimulatedPowerModel.AmbientC);
        Assert.True(model.VoltageMv is > 3400 and < 4300);
    }

    [Fact]
    public void Every_simulated_reading_is_labelled_simulated()
    {
        var source = new SimulatedPowerSource(new SimulatedPowerModel(_time));
        var readings = new List<TelemetryReading>();

        source.Read(readings);

        Assert.NotEmpty(readings);
        Assert.All(readings, r => Assert.Equal(SampleSource.Simulated, r.Source));
        Assert.Contains(readings, r => r.Metric == TelemetryMetrics.BatteryVoltage);
        Assert.Contains(readings, r => r.Metric == TelemetryMetrics.ThermalZone);
    }
}
