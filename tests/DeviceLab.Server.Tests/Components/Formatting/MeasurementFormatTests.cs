using DeviceLab.Server.Components.Formatting;

namespace DeviceLab.Server.Tests.Components.Formatting;

public class MeasurementFormatTests
{
    [Theory]
    [InlineData(12.3456, 0.4123, "ms/token", "12.35 ± 0.41 ms/token")]   // spread to 2 significant digits, value to the same place
    [InlineData(12.3, 0.41, "ms/token", "12.30 ± 0.41 ms/token")]       // trailing zero kept: it is a measured digit
    [InlineData(1234.5, 56.7, "ms", "1235 ± 57 ms")]
    [InlineData(0.002134, 0.000051, "nats", "0.002134 ± 0.000051 nats")]
    [InlineData(31.5, null, "tokens/s", "31.5 tokens/s")]                // no spread: three significant digits
    [InlineData(31.5, 0.0, "tokens/s", "31.5 tokens/s")]                 // a zero spread is no spread
    [InlineData(7.913, null, "", "7.91")]                                // dimensionless (perplexity)
    [InlineData(-0.00001, 0.5, "%", "0.00 ± 0.50 %")]                    // never "-0.00"
    [InlineData(5.0, 300.0, "ms", "5 ± 300 ms")]                         // spread larger than the value: no decimals
    public void Formats_value_and_spread_to_the_digits_the_spread_allows(double value, double? spread, string unit, string expected)
    {
        Assert.Equal(expected, MeasurementFormat.Format(value, spread, unit).ToString());
    }

    [Theory]
    [InlineData(512.0, "512 bytes")]
    [InlineData(1536.0, "1.50 KiB")]
    [InlineData(251_658_240.0, "240 MiB")]
    [InlineData(1_610_612_736.0, "1.50 GiB")]
    public void Bytes_scale_to_binary_units(double bytes, string expected)
    {
        Assert.Equal(expected, MeasurementFormat.Format(bytes, null, Units.Bytes).ToString());
    }

    [Fact]
    public void Bytes_scale_the_spread_with_the_value()
    {
        Assert.Equal("240.0 ± 3.0 MiB", MeasurementFormat.Format(251_658_240.0, 3 * 1048576.0, Units.Bytes).ToString());
    }

    [Fact]
    public void Shares_become_percent()
    {
        Assert.Equal("2.00 ± 0.35 %", MeasurementFormat.Format(0.02, 0.0035, Units.Share).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_missing_value_is_a_dash_without_unit(double? value)
    {
        var formatted = MeasurementFormat.Format(value, 1.0, "ms");
        Assert.True(formatted.IsMissing);
        Assert.Equal("—", formatted.ToString());
    }

    [Theory]
    [InlineData(0.052, "+5.2 %")]
    [InlineData(-0.1, "-10.0 %")]
    [InlineData(0.0, "0.0 %")]
    public void Relative_changes_carry_their_sign(double fraction, string expected)
    {
        Assert.Equal(expected, MeasurementFormat.RelativeChange(fraction));
    }

    [Fact]
    public void Decimals_are_capped()
    {
        Assert.Equal(MeasurementFormat.MaxDecimals, MeasurementFormat.DecimalsFor(1e-9, 1e-10));
    }
}
