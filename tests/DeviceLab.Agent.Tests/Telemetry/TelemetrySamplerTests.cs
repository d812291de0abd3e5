using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Tests.Output;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Telemetry;

public sealed class TelemetrySamplerTests : IDisposable
{
    private readonly PreparedKernelTree _tree = new();
    private readonly SteppingTimeProvider _time = new();
    private readonly RecordingEventTarget _target = new();
    private readonly AgentEventStream _events;

    public TelemetrySamplerTests() => _events = new AgentEventStream(_target, new AgentClock(_time));

    public void Dispose() => _tree.Dispose();

    private TelemetrySampler Sampler() => new(
        [new ProcessMemorySource(_tree.ProcfsRoot), new PowerSupplySource(_tree.SysfsRoot), new ThermalZoneSource(_tree.SysfsRoot), new CpuFrequencySource(_tree.SysfsRoot)],
        _events, TimeSpan.FromMilliseconds(250));

    private SampleEvent Last(string metric, string? instance = null) =>
        _target.OfType<SampleEvent>().Last(s => s.Metric == metric && (instance is null || s.Instance == instance));

    [Fact]
    public void A_discharging_heating_battery_is_read_with_android_units_and_sysfs_source()
    {
        using var sampler = Sampler();
        for (var tick = 0; tick < 5; tick++)
        {
            // Each 250 ms: 10 mV lower, 20 mA more draw, 25 µAh less, 0.5 °C warmer, the CPU zone 1.5 °C warmer.
            _tree.SetBattery(4_200_000 - tick * 10_000, -(500_000 + tick * 20_000), 3_000_000 - tick * 25, 80 - tick, 300 + tick * 5, "Discharging");
            _tree.SetZone(0, 35_000 + tick * 1_500);
            _tree.SetCpuKhz(1, 1_000_000 + tick * 100_000);
            _tree.SetMemory(rssKb: 10_000 + tick * 1000, peakKb: 20_000);

            var snapshot = sampler.SampleNow();

            Assert.Equal(tick * 250, snapshot.TMs);
            Assert.Equal(4200 - tick * 10, Last(TelemetryMetrics.BatteryVoltage).Value!.Value, 9);
            Assert.Equal(-(500 + tick * 20), Last(TelemetryMetrics.BatteryCurrent).Value!.Value, 9);
            Assert.Equal(500 + tick * 20, Last(TelemetryMetrics.BatteryDischargeCurrent).Value!.Value, 9);
            Assert.Equal(3000 - tick * 0.025, Last(TelemetryMetrics.BatteryChargeCounter).Value!.Value, 9);
            Assert.Equal(80 - tick, Last(TelemetryMetrics.BatteryLevel).Value);
            Assert.Equal(30 + tick * 0.5, Last(TelemetryMetrics.BatteryTemperature).Value!.Value, 9);
            Assert.Equal(35 + tick * 1.5, Last(TelemetryMetrics.ThermalZone, "thermal_zone0:cpu-0-0").Value!.Value, 9);
            Assert.Equal(1000 + tick * 100, Last(TelemetryMetrics.CpuFrequency, "cpu1").Value);
            Assert.Equal((10_000 + tick * 1000) * 1024d, Last(TelemetryMetrics.MemoryResident).Value);
            Assert.Equal(20_000 * 1024d, Last(TelemetryMetrics.MemoryPeak).Value);
            Assert.Equal(0, Last(TelemetryMetrics.BatteryCharging).Value);
            Assert.Equal("Discharging", Last(TelemetryMetrics.BatteryCharging).Text);
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }

        var samples = _target.OfType<SampleEvent>();
        Assert.All(samples.Where(s => s.Metric.StartsWith("memory.", StringComparison.Ordinal)), s => Assert.Equal(SampleSource.Procfs, s.Source));
        Assert.All(samples.Where(s => !s.Metric.StartsWith("memory.", StringComparison.Ordinal)), s => Assert.Equal(SampleSource.Sysfs, s.Source));
        Assert.Empty(_target.OfType<ErrorEvent>());
        Assert.Equal(Enumerable.Range(1, _target.Events.Count).Select(i => (long)i), _target.Events.Select(e => e.Seq));
    }

    [Fact]
    public void Charging_battery_has_no_discharge_current_and_a_charging_flag()
    {
        using var sampler = Sampler();
        _tree.SetBattery(4_300_000, 1_200_000, 3_000_000, 50, 310, "Charging");
        _tree.SetUsbOnline(true);

        var snapshot = sampler.SampleNow();

        Assert.Equal(1, snapshot.Value(TelemetryMetrics.BatteryCharging));
        Assert.Null(snapshot.Value(TelemetryMetrics.BatteryDischargeCurrent));
        Assert.Equal(1, snapshot.Value(TelemetryMetrics.ExternalPower));
        Assert.Equal("usb", snapshot.Find(TelemetryMetrics.ExternalPower)!.Value.Text);
    }

    [Fact]
    public void Unreadable_files_become_one_unavailable_sample_and_one_warning_then_recover()
    {
        using var sampler = Sampler();
        _tree.MakeUnreadable("class/power_supply/battery/current_now");
        _tree.SetBatteryFile("temp", "hot");

        sampler.SampleNow();
        sampler.SampleNow();

        var unavailable = _target.OfType<SampleEvent>().Where(s => s.Source == SampleSource.Unavailable).ToList();
        Assert.Contains(unavailable, s => s.Metric == TelemetryMetrics.BatteryCurrent && s.Value is null && s.Note!.Contains("current_now"));
        Assert.Contains(unavailable, s => s.Metric == TelemetryMetrics.BatteryTemperature && s.Note!.Contains("'hot' is not an integer"));
        Assert.Single(unavailable, s => s.Metric == TelemetryMetrics.BatteryCurrent);
        var warnings = _target.OfType<ErrorEvent>();
        Assert.All(warnings, w => Assert.False(w.Fatal));
        Assert.Single(warnings, w => w.Message.Contains("battery.current ") && w.Code == AgentErrorCodes.TelemetryUnavailable);
        Assert.Equal(4200, Last(TelemetryMetrics.BatteryVoltage).Value);

        _tree.Restore("class/power_supply/battery/current_now", -400_000);
        sampler.SampleNow();
        Assert.Equal(-400, Last(TelemetryMetrics.BatteryCurrent).Value);
    }

    [Fact]
    public void A_machine_without_battery_thermal_or_cpufreq_reports_them_unavailable_without_crashing()
    {
        var empty = Directory.CreateTempSubdirectory("devicelab-empty-sys-").FullName;
        try
        {
            using var sampler = new TelemetrySampler(
                [new ProcessMemorySource(empty), new PowerSupplySource(empty), new ThermalZoneSource(empty), new CpuFrequencySource(empty)],
                _events, TimeSpan.FromMilliseconds(250));

            var snapshot = sampler.SampleNow();

            Assert.All(snapshot.Readings, r => Assert.Equal(SampleSource.Unavailable, r.Source));
            Assert.Contains(_target.OfType<ErrorEvent>(), e => e.Message.Contains("no power supply of type Battery"));
            Assert.Contains(_target.OfType<ErrorEvent>(), e => e.Message.Contains("no thermal_zone*"));
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Fact]
    public void Background_thread_samples_on_its_own_until_stopped()
    {
        var realTime = new AgentEventStream(_target, new AgentClock(TimeProvider.System));
        using var sampler = new TelemetrySampler([new ProcessMemorySource(_tree.ProcfsRoot)], realTime, TimeSpan.FromMilliseconds(10));
        var ticks = new CountdownEvent(3);
        sampler.Sampled += _ => { if (!ticks.IsSet) ticks.Signal(); };

        sampler.Start();
        var sawThree = ticks.Wait(TimeSpan.FromSeconds(10));
        sampler.Stop();
        var after = _target.Events.Count;
        Thread.Sleep(50);

        Assert.True(sawThree);
        Assert.Equal(after, _target.Events.Count);
    }
}
