Console.Error.WriteLine("devicelab-virtual-device: not built yet");
return 2;
