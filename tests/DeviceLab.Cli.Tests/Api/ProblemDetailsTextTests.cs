using DeviceLab.Cli.Api;

namespace DeviceLab.Cli.Tests.Api;

public class ProblemDetailsTextTests
{
    [Fact]
    public void Title_detail_and_validation_errors_become_one_line()
    {
        Assert.Equal("No such run: There is no run with id 7",
            ProblemDetailsText.From("""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"No such run.","status":404,"detail":"There is no run with id 7."}"""));
        Assert.Equal("The regression filters are not valid: 'opened' is not a status; use one of open, closed; limit is 0; use 1–1000",
            ProblemDetailsText.From("""{"title":"The regression filters are not valid.","status":400,"errors":{"status":["'opened' is not a status; use one of open, closed."],"limit":["limit is 0; use 1–1000."]}}"""));
    }

    [Fact]
    public void Anything_else_is_shown_shortened_and_nothing_is_nothing()
    {
        Assert.Null(ProblemDetailsText.From(""));
        Assert.Equal("Bad gateway from the proxy", ProblemDetailsText.From("Bad gateway\r\nfrom the proxy"));
        Assert.Equal(201, ProblemDetailsText.From(new string('x', 500))!.Length);
    }
}
