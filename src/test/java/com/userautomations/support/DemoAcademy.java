package com.userautomations.support;

/**
 * The school the examples in rules-dmn/ are written for (rules-dmn/schools/demo-academy/),
 * created once per test run with the courses the examples enroll into: test classes that run in
 * one Quarkus application share it.
 */
public final class DemoAcademy {
    public static final String ID = "demo-academy";
    private static School school;

    private DemoAcademy() {
    }

    public static synchronized School school() {
        if (school == null) {
            school = School.createWithId(ID).course("b2b-onboarding", false).course("globex-onboarding", false)
                    .course("hooli-onboarding", false).course("academic-track", false);
        }
        return school;
    }
}
