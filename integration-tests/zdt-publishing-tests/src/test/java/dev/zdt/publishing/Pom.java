package dev.zdt.publishing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A pom file read as XML, queried with namespace-free paths such as
 * {@code project/scm/url}.
 */
final class Pom {

	private final Path file;

	private final Document document;

	private final XPath xpath = XPathFactory.newInstance().newXPath();

	private Pom(Path file, Document document) {
		this.file = file;
		this.document = document;
	}

	static Pom read(Path file) {
		try {
			// Not namespace-aware: paths need no prefixes, whether or not a pom declares
			// the POM namespace.
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return new Pom(file, factory.newDocumentBuilder().parse(file.toFile()));
		}
		catch (IOException | SAXException | ParserConfigurationException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	Path file() {
		return this.file;
	}

	String text() {
		try {
			return Files.readString(this.file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + this.file, ex);
		}
	}

	/** The trimmed text of the first element on the path, or "" when there is none. */
	String value(String path) {
		List<String> values = values(path);
		return values.isEmpty() ? "" : values.get(0);
	}

	List<String> values(String path) {
		try {
			NodeList nodes = (NodeList) this.xpath.evaluate(path, this.document, XPathConstants.NODESET);
			List<String> values = new ArrayList<>();
			for (int i = 0; i < nodes.getLength(); i++) {
				values.add(nodes.item(i).getTextContent().trim());
			}
			return values;
		}
		catch (XPathExpressionException ex) {
			throw new IllegalArgumentException(path, ex);
		}
	}

	boolean has(String path) {
		return !values(path).isEmpty();
	}

}
