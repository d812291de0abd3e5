using DeviceLab.Cli.Api;

namespace DeviceLab.Cli.Tests.Api;

public class ApiEndpointTests
{
    private static Func<string, string?> Environment(string? server = null, string? key = null) => name => name switch
    {
        ApiEndpoint.ServerVariable => server,
        ApiEndpoint.ApiKeyVariable => key,
        _ => null,
    };

    [Fact]
    public void Options_win_over_variables_which_win_over_the_default()
    {
        Assert.Equal(new ApiEndpoint(new Uri("http://127.0.0.1:5080/"), null), ApiEndpoint.Resolve(null, null, Environment()));
        Assert.Equal(new ApiEndpoint(new Uri("https://lab.example/devicelab/"), "from-env"),
            ApiEndpoint.Resolve(null, null, Environment("https://lab.example/devicelab", "from-env")));
        Assert.Equal(new ApiEndpoint(new Uri("http://10.0.0.2:8080/"), "from-option"),
            ApiEndpoint.Resolve(" http://10.0.0.2:8080 ", "from-option", Environment("https://lab.example", "from-env")));
    }

    [Theory]
    [InlineData("lab.example:5080", "--server")]
    [InlineData("ftp://lab.example", "--server")]
    public void A_server_address_that_is_not_http_is_refused_naming_where_it_came_from(string address, string source)
    {
        var error = Assert.Throws<ApiException>(() => ApiEndpoint.Resolve(address, null, Environment()));
        Assert.Equal(ApiFailure.InvalidAddress, error.Failure);
        Assert.Equal($"The server address '{address}' ({source}) is not an http:// or https:// URL.", error.Message);
        var fromVariable = Assert.Throws<ApiException>(() => ApiEndpoint.Resolve(null, null, Environment(address)));
        Assert.Contains($"({ApiEndpoint.ServerVariable})", fromVariable.Message);
    }
}
