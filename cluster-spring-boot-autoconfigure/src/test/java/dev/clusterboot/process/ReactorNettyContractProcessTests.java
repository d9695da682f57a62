package dev.clusterboot.process;

/**
 * The web server contract on WebFlux on Reactor Netty.
 */
class ReactorNettyContractProcessTests extends WebServerContractProcessTests {

	ReactorNettyContractProcessTests() {
		super(WebServer.REACTOR_NETTY);
	}

}
