package com.userautomations.analyst;

import com.userautomations.engine.EventFact;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.feel.util.Either;
import org.kie.dmn.model.api.Definitions;
import org.kie.internal.io.ResourceFactory;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The DMN models of one scope, compiled and validated together (a model may import another of
 * the same scope). Evaluating them from automations is a later step; for now they are checked
 * at load, so a broken model stops start-up like a broken rule.
 */
public final class DmnModels {
    private static final Pattern XML_POSITION = Pattern.compile("lineNumber: (\\d+); columnNumber: (\\d+)");

    private final DMNRuntime runtime;

    private DmnModels(DMNRuntime runtime) {
        this.runtime = runtime;
    }

    public DMNRuntime runtime() {
        return runtime;
    }

    /** The names of the models defined in a file. */
    public List<String> modelNames(String path) {
        return runtime.getModels().stream()
                .filter(m -> m.getResource() != null && path.equals(m.getResource().getSourcePath()))
                .map(DMNModel::getName).toList();
    }

    /** Compiles the files; null (and errors) when any of them does not parse or validate. */
    static DmnModels compile(List<RuleFile> files, List<RuleFileError> errors) {
        int before = errors.size();
        List<Resource> resources = new ArrayList<>();
        for (RuleFile f : files) {
            if (parses(f, errors)) {
                resources.add(ResourceFactory.newByteArrayResource(f.content()).setSourcePath(f.path()));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        Either<Exception, DMNRuntime> built = DMNRuntimeBuilder.fromDefaults()
                .setRootClassLoader(EventFact.class.getClassLoader())
                .buildConfiguration()
                .fromResources(resources);
        if (built.isLeft()) {
            Exception e = built.cata(l -> l, r -> null);
            String file = files.size() == 1 ? files.get(0).path() : "(DMN models)";
            errors.add(new RuleFileError(file, 0, 0, "the DMN model does not compile: " + e.getMessage()));
            return null;
        }
        DMNRuntime runtime = built.getOrElse(null);
        for (DMNModel model : runtime.getModels()) {
            String file = model.getResource() == null ? "(DMN model " + model.getName() + ")"
                    : model.getResource().getSourcePath();
            for (DMNMessage m : model.getMessages(DMNMessage.Severity.ERROR)) {
                errors.add(new RuleFileError(file, Math.max(0, m.getLine()), Math.max(0, m.getColumn()),
                        m.getMessage() + (m.getSourceId() == null ? "" : " (element " + m.getSourceId() + ")")));
            }
        }
        return errors.size() > before ? null : new DmnModels(runtime);
    }

    /** Whether the file is DMN XML at all; the XML parser's position otherwise. */
    private static boolean parses(RuleFile f, List<RuleFileError> errors) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            // no DTDs: no external entities, no entity expansion
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new ByteArrayInputStream(f.content()), new DefaultHandler());
        } catch (SAXParseException e) {
            errors.add(new RuleFileError(f.path(), Math.max(0, e.getLineNumber()), Math.max(0, e.getColumnNumber()),
                    "not well-formed XML: " + e.getMessage()));
            return false;
        } catch (Exception e) {
            errors.add(new RuleFileError(f.path(), 0, 0, "cannot read the XML: " + e.getMessage()));
            return false;
        }
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(f.content()), StandardCharsets.UTF_8)) {
            Definitions d = DMNMarshallerFactory.newDefaultMarshaller().unmarshal(reader);
            if (d == null) {
                errors.add(new RuleFileError(f.path(), 0, 0, "not a DMN model (no <definitions>)"));
                return false;
            }
            return true;
        } catch (Exception e) {
            String message = e.getMessage();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null) {
                    message = t.getMessage();
                }
            }
            int line = 0;
            int column = 0;
            Matcher m = XML_POSITION.matcher(String.valueOf(message));
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                column = Integer.parseInt(m.group(2));
            }
            errors.add(new RuleFileError(f.path(), line, column, "not a valid DMN file: " + message));
            return false;
        }
    }
}
