package dev.clusterboot.process;

/**
 * The web server contract on Jetty.
 */
class JettyContractProcessTests extends WebServerContractProcessTests {

	JettyContractProcessTests() {
		super(WebServer.JETTY);
	}

}
