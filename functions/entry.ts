/**
 * The functions bundle: importing the function modules is all it takes; the webpack metadata plugin
 * appends their CustomFunctions.associate calls from the @customfunction tags.
 */
import "./index";
