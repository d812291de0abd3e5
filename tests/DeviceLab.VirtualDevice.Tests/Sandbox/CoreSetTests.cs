namespace DeviceLab.VirtualDevice.Tests.Sandbox;

public sealed class CoreSetTests
{
    [Theory]
    [InlineData("0", new[] { 0 }, "0")]
    [InlineData("1", new[] { 1 }, "1")]
    [InlineData("0-1", new[] { 0, 1 }, "0-1")]
    [InlineData("3,0-1,1", new[] { 0, 1, 3 }, "0-1,3")]
    [InlineData(" 2 - 4 ", new[] { 2, 3, 4 }, "2-4")]
    public void Lists_parse_and_print_in_canonical_form(string list, int[] cores, string canonical)
    {
        var set = CoreSet.Parse(list);
        Assert.Equal(cores, set.Cores);
        Assert.Equal(canonical, set.ToString());
    }

    [Theory]
    [InlineData("", "empty entry")]
    [InlineData("a", "'a' in core list 'a' is not a core number")]
    [InlineData("3-1", "runs backwards")]
    [InlineData("-1", "is not a core number")]
    [InlineData("0,,1", "empty entry")]
    public void Bad_lists_name_the_problem(string list, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => CoreSet.Parse(list)).Message);

    [Fact]
    public void Cores_the_machine_lacks_are_refused() =>
        Assert.Contains("core 7 does not exist: this machine has cores 0-1", Assert.Throws<ArgumentException>(() => CoreSet.Parse("0,7").EnsureExists(2)).Message);
}
