package dev.clusterboot.process;

/**
 * The web server contract on Tomcat.
 */
class TomcatContractProcessTests extends WebServerContractProcessTests {

	TomcatContractProcessTests() {
		super(WebServer.TOMCAT);
	}

}
