// Lesson discovery, index, navigation, templates, atomic writes (issue 3).
import Notebook
