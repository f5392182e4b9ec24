package org.kycsuite.kyc.screening;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the individuals of the UN Security Council Consolidated List (UN XML) with StAX. */
final class UnConsolidatedXml {

    private UnConsolidatedXml() {
    }

    static List<ListedName> individuals(InputStream in, String listCode) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        List<ListedName> names = new ArrayList<>();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            Individual current = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    if ("INDIVIDUAL".equals(element)) {
                        current = new Individual();
                    } else if (current != null) {
                        current.read(element, xml);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "INDIVIDUAL".equals(xml.getLocalName())
                        && current != null) {
                    current.addTo(names, listCode);
                    current = null;
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot parse the UN consolidated list: " + e.getMessage(), e);
        }
        return names;
    }

    /** The name parts of one INDIVIDUAL element as they stream by. */
    private static final class Individual {
        private String reference;
        private final StringBuilder name = new StringBuilder();
        private final List<String> aliases = new ArrayList<>();

        void read(String element, XMLStreamReader xml) throws XMLStreamException {
            switch (element) {
                case "REFERENCE_NUMBER" -> reference = xml.getElementText().strip();
                case "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" -> {
                    String part = xml.getElementText().strip();
                    if (!part.isEmpty()) {
                        name.append(name.length() == 0 ? "" : " ").append(part);
                    }
                }
                case "ALIAS_NAME" -> {
                    String alias = xml.getElementText().strip();
                    if (!alias.isEmpty()) {
                        aliases.add(alias);
                    }
                }
                default -> {
                    // other elements carry no name
                }
            }
        }

        void addTo(List<ListedName> names, String listCode) {
            if (reference == null || name.length() == 0) {
                return;
            }
            names.add(ListedName.of(listCode, reference, name.toString(), false));
            for (String alias : aliases) {
                names.add(ListedName.of(listCode, reference, alias, true));
            }
        }
    }
}
